package dev.polyref.cli;

import dev.polyref.Polyref;
import dev.polyref.catalogue.ContentType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polyref sync}: Django's create_contenttypes, on demand. */
@Command(name = "sync", description = "Add a content type for every table that has none. Never deletes.")
final class SyncCommand extends DatabaseCommand {

    @Option(names = "--schemas", split = ",", paramLabel = "SCHEMA",
            description = "Only these schemas (default: every schema except PostgreSQL's own and polyref). Repeat "
                    + "the option or separate with commas; quote a name holding a comma as SQL does: '\"a,b\"'.")
    List<String> schemas = new ArrayList<>();

    @Override
    public Integer call() {
        try (Database db = connection.open()) {
            List<ContentType> added = Polyref.configure().load().using(db.polyref()).contentTypes()
                    .sync(TableNames.schemas(schemas).toArray(String[]::new));
            printAdded(out(), added);
        }
        return 0;
    }

    static void printAdded(PrintWriter out, List<ContentType> added) {
        if (added.isEmpty()) {
            out.println("The catalogue is up to date: no content types added.");
        }
        added.forEach(ct -> out.println("Added content type " + Text.printable(ct)));
    }
}
