package dev.polyref.cli;

import dev.polyref.catalogue.CatalogueEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code polyref list}: the catalogue with the number of rows in each table. */
@Command(name = "list", description = "Print the catalogue: every content type with the rows in its table; "
        + "stale ones (table gone) are marked.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Database db = connection.open()) {
            CataloguePrinter.print(spec.commandLine().getOut(), CatalogueEntry.readAll(db.polyref()));
        }
        return 0;
    }
}
