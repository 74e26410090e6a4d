package dev.polyref.cli;

import dev.polyref.migration.PolyrefMigrations;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code polyref migrate}: Polyref's schema, then the application's migrations with the catalogue sync. */
@Command(name = "migrate", description = {
        "Apply Polyref's own schema (its own Flyway history: polyref.polyref_schema_history).",
        "With --locations, then apply the application's Flyway migrations and sync the catalogue with their tables."})
final class MigrateCommand extends DatabaseCommand {

    @Option(names = "--locations", split = ",", paramLabel = "LOCATION",
            description = "Flyway locations of the application's migrations, "
                    + "e.g. filesystem:db/migration or classpath:db/migration.")
    List<String> locations = new ArrayList<>();

    @Option(names = "--schemas", split = ",", paramLabel = "SCHEMA",
            description = "Schemas the application's migrations manage (Flyway's schemas; the first holds its "
                    + "history table). The catalogue is synced for these.")
    List<String> schemas = new ArrayList<>();

    @Override
    public Integer call() {
        if (locations.isEmpty() && !schemas.isEmpty()) {
            throw new ParameterException(commandLine(), "--schemas needs --locations");
        }
        DataSource dataSource = connection.dataSource();
        PrintWriter out = out();
        Flyway polyref = PolyrefMigrations.flyway(dataSource);
        out.println(ApplicationMigrations.outcome(polyref, polyref.migrate(), "Polyref schema", "Polyref migration",
                ""));
        if (!locations.isEmpty()) {
            SyncCommand.printAdded(out, ApplicationMigrations.run(dataSource, locations, schemas, out));
        }
        return 0;
    }
}
