package dev.polyref.cli;

import dev.polyref.Polyref;
import dev.polyref.catalogue.ContentType;
import dev.polyref.migration.PolyrefMigrations;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs an application's Flyway migrations with Polyref's callback (Polyref's schema first, the catalogue synced
 * after) and prints what changed. Shared by {@code migrate} and {@code catalogue}.
 */
final class ApplicationMigrations {

    private ApplicationMigrations() {}

    /** @return the content types the catalogue sync added */
    static List<ContentType> run(DataSource dataSource, List<String> locations, List<String> schemas,
            PrintWriter out) {
        Set<Integer> before = new HashSet<>();
        try (Database db = Database.open(dataSource)) {
            if (Database.hasPolyrefSchema(db.dsl())) {
                Polyref.configure().load().using(db.dsl()).contentTypes().fetchAll().forEach(ct -> before.add(ct.id()));
            }
        }
        Flyway flyway = Flyway.configure(ApplicationMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .schemas(schemas.toArray(String[]::new))
                .failOnMissingLocations(true)
                .callbacks(PolyrefMigrations.callback())
                .load();
        String where = schemas.isEmpty() ? "" : " (schema" + (schemas.size() == 1 ? " " : "s ")
                + String.join(", ", schemas) + ")";
        out.println(outcome(flyway, flyway.migrate(), "Application", "application migration", where));
        try (Database db = Database.open(dataSource)) {
            return Polyref.configure().load().using(db.dsl()).contentTypes().fetchAll().stream()
                    .filter(ct -> !before.contains(ct.id())).toList();
        }
    }

    /**
     * @return {@code Applied 2 <noun>s<where>, now at version 3.} or {@code <subject><where> is up to date at
     *         version 3.}
     */
    static String outcome(Flyway flyway, MigrateResult result, String subject, String noun, String where) {
        MigrationInfo current = flyway.info().current();
        String version = current == null || current.getVersion() == null ? "" : " version " + current.getVersion();
        return result.migrationsExecuted == 0
                ? subject + where + " is up to date" + (version.isEmpty() ? "" : " at" + version) + "."
                : "Applied " + Text.plural(result.migrationsExecuted, noun) + where
                        + (version.isEmpty() ? "" : ", now at" + version) + ".";
    }
}
