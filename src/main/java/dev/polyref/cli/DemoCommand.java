package dev.polyref.cli;

import dev.polyref.embedded.EmbeddedPostgresServer;
import dev.polyref.migration.PolyrefMigrations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code polyref demo}: the example application's activity feed on an embedded PostgreSQL, with no setup. */
@Command(name = "demo", description = "Start an embedded PostgreSQL (no installation, no Docker), migrate the "
        + "example application, write an activity feed with tags, print it through the batched resolver with its "
        + "statement counts, then delete a target and show the database's cascade.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Polyref demo: an activity feed with tags, on an embedded PostgreSQL.");
        out.flush();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            out.println("PostgreSQL " + server.serverVersion() + " is up.");
            out.println();
            out.println("1. Migrate");
            DataSource dataSource = server.dataSource("postgres");
            Flyway polyref = PolyrefMigrations.flyway(dataSource);
            out.println("   " + ApplicationMigrations.outcome(polyref, polyref.migrate(), "Polyref's schema",
                    "Polyref migration", " (schema polyref, its own history table)"));
            StringWriter application = new StringWriter();
            ApplicationMigrations.run(dataSource, List.of(CatalogueCommand.EXAMPLE_LOCATION), List.of("example"),
                    new PrintWriter(application, true));
            application.toString().lines().forEach(line -> out.println("   " + line));
            try (Database db = Database.open(dataSource)) {
                new Demo(db.dsl(), out).run();
            }
        }
        return 0;
    }
}
