package dev.polyref.cli;

import dev.polyref.catalogue.CatalogueEntry;
import dev.polyref.embedded.EmbeddedPostgresServer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code polyref catalogue}: the example application's catalogue on an embedded PostgreSQL, with no setup. */
@Command(name = "catalogue", description = "Start an embedded PostgreSQL (no installation, no Docker), migrate "
        + "the example application into it and print its catalogue.")
final class CatalogueCommand implements Callable<Integer> {

    static final String EXAMPLE_LOCATION = "classpath:dev/polyref/example/migrations";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting an embedded PostgreSQL...");
        out.flush();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            out.println("PostgreSQL " + server.serverVersion() + " is up.");
            DataSource dataSource = server.dataSource("postgres");
            int added = ApplicationMigrations.run(dataSource, List.of(EXAMPLE_LOCATION), List.of("example"), out)
                    .size();
            out.println("Synced the catalogue: " + Text.plural(added, "content type") + " added.");
            out.println();
            out.println("The catalogue, polyref.content_type (app_label = schema, model = table):");
            try (Database db = Database.open(dataSource)) {
                CataloguePrinter.print(out, CatalogueEntry.readAll(db.dsl()));
            }
        }
        return 0;
    }
}
