package dev.polyref.codegen;

import dev.polyref.PolyrefException;
import dev.polyref.embedded.EmbeddedPostgresServer;
import dev.polyref.migration.PolyrefMigrations;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.meta.postgres.PostgresDatabase;
import org.jooq.tools.JooqLogger;
import org.jspecify.annotations.Nullable;

/**
 * A jOOQ code-generation {@code Database} that reads the schema your Flyway migrations build, with no
 * running database and no Docker: it starts an embedded PostgreSQL (18 by default), applies Polyref's schema and your
 * migrations (with the catalogue sync of {@link PolyrefMigrations}), and lets jOOQ's {@link PostgresDatabase}
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
 *
 * <p>Generation is skipped, and PostgreSQL not started, when nothing it reads has changed since the last generation
 * into the same target package: the migrations (names and contents), the generator's and database's configuration,
 * Polyref and jOOQ. One INFO line says so. A record beside the generated sources, {@code .polyref-codegen}, holds
 * what they were generated from; delete it to force a generation.
 *
 * <p>Quiet: the embedded server's initdb/pg_ctl output, Flyway's progress lines and the result tables of
 * {@code select}s in migrations are not logged; warnings and errors are. jOOQ prints its banner and "tip of the
 * day" before it loads this class: {@code -Dorg.jooq.no-logo=true -Dorg.jooq.no-tips=true} in
 * {@code .mvn/jvm.config} turns them off.
 */
public class MigratedPostgresDatabase extends PostgresDatabase {

    static {
        QuietLogging.install();
    }

    private static final JooqLogger LOG = JooqLogger.getLogger(MigratedPostgresDatabase.class);

    private @Nullable EmbeddedPostgresServer server;
    private @Nullable Connection connection;

    /**
     * A DSLContext whose first query starts and migrates the server. Not this call: jOOQ's GenerationTool asks for
     * one as soon as it configures the database, before the generator can find that the generated sources are up
     * to date ({@link UpToDateCheck}) and that PostgreSQL is not needed at all.
     */
    @Override
    protected DSLContext create0() {
        return DSL.using(new ConnectionProvider() {
            @Override
            public Connection acquire() {
                return connection();
            }

            @Override
            public void release(Connection released) {
                // One connection for the whole generation, closed by close()
            }
        }, SQLDialect.POSTGRES);
    }

    private synchronized Connection connection() {
        if (connection == null) {
            connection = migrate();
            setConnection(connection);
        }
        return connection;
    }

    /** Starts the embedded server and applies the migrations; package-private for the tests to count. */
    Connection migrate() {
        String[] resolved = locations().orElseThrow(() -> new PolyrefException("MigratedPostgresDatabase needs the "
                + "property 'locations' (comma-separated Flyway locations, e.g. "
                + "filesystem:src/main/resources/db/migration)")).toArray(String[]::new);
        server = EmbeddedPostgresServer.start();
        var dataSource = server.dataSource("postgres");
        String[] schemas = schemas();
        LOG.info("Migrating embedded PostgreSQL", "locations " + Arrays.toString(resolved)
                + ", schemas " + Arrays.toString(schemas));
        Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations(resolved)
                .schemas(schemas)
                .table(getProperties().getProperty("table", "flyway_schema_history"))
                .callbacks(PolyrefMigrations.callback())
                // A select inside a migration would print its result table into the build's output
                .outputQueryResults(false)
                .load()
                .migrate();
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new PolyrefException("Could not connect to embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** @return the property {@code locations}, resolved as Flyway reads them; empty if it is missing */
    Optional<List<String>> locations() {
        String locations = getProperties().getProperty("locations");
        if (locations == null || locations.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(locations.split(",")).map(String::trim).map(this::resolve).toList());
    }

    /**
     * Generation was skipped ({@link UpToDateCheck}): nothing was read, so jOOQ must not report the configured
     * forced types, embeddables, comments and synthetic objects as unused.
     */
    void generationSkipped() {
        getConfiguredForcedTypes().forEach(this::markUsed);
        getConfiguredEmbeddables().forEach(this::markUsed);
        getConfiguredComments().forEach(this::markUsed);
        getConfiguredSyntheticColumns().forEach(this::markUsed);
        getConfiguredSyntheticReadonlyColumns().forEach(this::markUsed);
        getConfiguredSyntheticReadonlyRowids().forEach(this::markUsed);
        getConfiguredSyntheticIdentities().forEach(this::markUsed);
        getConfiguredSyntheticEnums().forEach(this::markUsed);
        getConfiguredSyntheticPrimaryKeys().forEach(this::markUsed);
        getConfiguredSyntheticUniqueKeys().forEach(this::markUsed);
        getConfiguredSyntheticForeignKeys().forEach(this::markUsed);
        getConfiguredSyntheticViews().forEach(this::markUsed);
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
