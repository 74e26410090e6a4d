package dev.polyref.cli;

import dev.polyref.catalogue.internal.CatalogueEntry;
import picocli.CommandLine.Command;

/** {@code polyref list}: the catalogue with the number of rows in each table. */
@Command(name = "list", description = "Print the catalogue: every content type with the rows in its table; "
        + "stale ones (table gone) are marked.")
final class ListCommand extends DatabaseCommand {

    @Override
    public Integer call() {
        try (Database db = connection.open()) {
            CataloguePrinter.print(out(), CatalogueEntry.fetchAll(db.polyref()));
        }
        return 0;
    }
}
