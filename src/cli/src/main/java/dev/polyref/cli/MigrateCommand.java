package dev.polyref.cli;

import dev.polyref.migration.PolyrefMigrations;
import dev.polyref.PolyrefException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
                    + "history table). The catalogue is synced for these. Repeat the option or separate with commas; "
                    + "quote a name holding a comma as SQL does: '\"a,b\"'.")
    List<String> schemas = new ArrayList<>();

    @Override
    public Integer call() {
        if (locations.isEmpty() && !schemas.isEmpty()) {
            throw new ParameterException(commandLine(), "--schemas needs --locations");
        }
        DataSource dataSource = connection.dataSource();
        // Before anything is applied: Flyway only warns about a location it cannot find, and migrates nothing
        locations.forEach(MigrateCommand::requireLocation);
        PrintWriter out = out();
        Flyway polyref = PolyrefMigrations.flyway(dataSource);
        out.println(ApplicationMigrations.outcome(polyref, polyref.migrate(), "Polyref schema", "Polyref migration",
                ""));
        if (!locations.isEmpty()) {
            SyncCommand.printAdded(out, ApplicationMigrations.run(dataSource, locations, TableNames.schemas(schemas),
                    out));
        }
        return 0;
    }

    /**
     * @throws PolyrefException if a {@code filesystem:} location is not a folder or a {@code classpath:} one (the
     *                          default prefix) is on no class path; other prefixes are left to Flyway
     */
    private static void requireLocation(String location) {
        if (location.startsWith("filesystem:")) {
            Path folder = Path.of(location.substring("filesystem:".length()));
            if (!Files.isDirectory(folder)) {
                throw new PolyrefException("--locations " + location + ": no such folder "
                        + folder.toAbsolutePath() + "; nothing was migrated");
            }
        } else if (location.startsWith("classpath:") || !location.contains(":")) {
            String resource = location.substring(location.startsWith("classpath:") ? "classpath:".length() : 0)
                    .replaceFirst("^/+", "");
            if (MigrateCommand.class.getClassLoader().getResource(resource) == null) {
                throw new PolyrefException("--locations " + location + ": no such folder on the class path; "
                        + "nothing was migrated (a folder on disk is filesystem:PATH)");
            }
        }
    }
}
