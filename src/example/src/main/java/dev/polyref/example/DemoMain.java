package dev.polyref.example;

import dev.polyref.embedded.EmbeddedPostgresServer;
import dev.polyref.migration.PolyrefMigrations;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The README's first command: the example application's activity feed on an embedded PostgreSQL, with no setup.
 * Starts PostgreSQL (no installation, no Docker), migrates Polyref's schema and the example application, writes
 * an activity feed with tags, prints it through the batched resolver with its statement counts, then deletes a
 * target and shows the database's cascade.
 *
 * <pre>
 * mvn -q -B compile exec:java
 * </pre>
 */
public final class DemoMain {

    private DemoMain() {}

    /** @param args ignored */
    public static void main(String[] args) {
        run(new PrintWriter(System.out, true, Charset.defaultCharset()));
    }

    /** @param out where the demo prints */
    static void run(PrintWriter out) {
        out.println("Polyref demo: an activity feed with tags, on an embedded PostgreSQL.");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            out.println("PostgreSQL " + server.serverVersion() + " is up.");
            out.println();
            out.println("1. Migrate");
            DataSource dataSource = server.dataSource("postgres");
            // Polyref's callback applies Polyref's own schema first and syncs the catalogue afterwards
            MigrateResult result = Flyway.configure(DemoMain.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:dev/polyref/example/migrations")
                    .schemas("example")
                    .callbacks(PolyrefMigrations.callback())
                    .load()
                    .migrate();
            out.printf("   Applied %d example migrations (schema example), now at version %s; Polyref's schema "
                    + "first, in its own history table.%n", result.migrationsExecuted, result.targetSchemaVersion);
            new Demo(DSL.using(dataSource, SQLDialect.POSTGRES), out).run();
        }
        out.flush();
    }
}
