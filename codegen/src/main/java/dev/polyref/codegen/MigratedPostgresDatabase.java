package dev.polyref.codegen;

import dev.polyref.PolyrefException;
import dev.polyref.embedded.EmbeddedPostgresServer;
import dev.polyref.migration.PolyrefFlyway;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.meta.postgres.PostgresDatabase;
import org.jooq.tools.JooqLogger;
import org.jspecify.annotations.Nullable;

/**
 * A jOOQ code-generation {@code Database} that reads the schema your Flyway migrations build, with no
 * running database and no Docker: it starts an embedded PostgreSQL (18 by default), applies Polyref's schema and your
 * migrations (with the catalogue sync of {@link PolyrefFlyway}), and lets jOOQ's {@link PostgresDatabase}
 * read the result. The server is stopped when code generation ends.
 *
 * <pre>{@code
 * <database>
 *   <name>dev.polyref.codegen.MigratedPostgresDatabase</name>
 *   <inputSchema>app</inputSchema>
 *   <properties>
 *     <property><key>locations</key><value>filesystem:src/main/resources/db/migration</value></property>
 *   </properties>
 * </database>
 * }</pre>
 *
 * <p>Properties:
 * <ul>
 *   <li>{@code locations}: comma-separated Flyway locations (required); relative {@code filesystem:} paths are
 *       resolved against the project's base directory;</li>
 *   <li>{@code schemas}: comma-separated schemas Flyway manages (its {@code schemas} setting) and the
 *       catalogue syncs; by default Flyway's default and a sync of every non-system schema;</li>
 *   <li>{@code table}: the Flyway history table, default {@code flyway_schema_history}.</li>
 * </ul>
 * No {@code <jdbc>} element is needed.
 */
public class MigratedPostgresDatabase extends PostgresDatabase {

    private static final JooqLogger LOG = JooqLogger.getLogger(MigratedPostgresDatabase.class);

    private @Nullable EmbeddedPostgresServer server;
    private @Nullable Connection connection;

    @Override
    protected DSLContext create0() {
        if (connection == null) {
            connection = migrate();
            setConnection(connection);
        }
        return DSL.using(connection, SQLDialect.POSTGRES);
    }

    private Connection migrate() {
        String locations = getProperties().getProperty("locations");
        if (locations == null || locations.isBlank()) {
            throw new PolyrefException("MigratedPostgresDatabase needs the property 'locations' "
                    + "(comma-separated Flyway locations, e.g. filesystem:src/main/resources/db/migration)");
        }
        server = EmbeddedPostgresServer.start();
        var dataSource = server.dataSource("postgres");
        String[] resolved = Arrays.stream(locations.split(",")).map(String::trim).map(this::resolve)
                .toArray(String[]::new);
        String[] schemas = schemas();
        LOG.info("Migrating embedded PostgreSQL", "locations " + Arrays.toString(resolved)
                + ", schemas " + Arrays.toString(schemas));
        Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations(resolved)
                .schemas(schemas)
                .table(getProperties().getProperty("table", "flyway_schema_history"))
                .callbacks(PolyrefFlyway.callback())
                .load()
                .migrate();
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new PolyrefException("Could not connect to embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private String[] schemas() {
        String configured = getProperties().getProperty("schemas", "");
        return Arrays.stream(configured.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .toArray(String[]::new);
    }

    // jOOQ runs the generator from Maven's working directory, which need not be the project's
    private String resolve(String location) {
        String prefix = "filesystem:";
        if (!location.startsWith(prefix) || getBasedir() == null) {
            return location;
        }
        File path = new File(location.substring(prefix.length()));
        return path.isAbsolute() ? location : prefix + new File(getBasedir(), path.getPath()).getAbsolutePath();
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.warn("Could not close connection", e.getMessage());
        } finally {
            connection = null;
            if (server != null) {
                server.close();
                server = null;
            }
            super.close();
        }
    }
}
