package dev.polyref.citus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.polyref.migration.PolyrefMigrations;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The Citus cluster the Citus tests run on: a coordinator at {@code -Dpolyref.citus.url}, {@code
 * POLYREF_CITUS_URL}, or {@code ../shared/citus/cluster.sh}'s default URL. The database is migrated once per run
 * from {@code migrations/example-citus} (after dropping what an earlier run left: the cluster's database is
 * reused, Citus cannot copy a database as a template). When the coordinator cannot be reached, or has no Citus,
 * {@link #assumeAvailable()} skips the test with the reason, which {@code SkipReasons} prints.
 */
final class CitusCluster {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:56000/polyref?user=postgres";
    static final String LOCATIONS = "filesystem:migrations/example-citus";

    private static @Nullable String unavailable;
    private static boolean migrated;
    private static @Nullable RuntimeException migrationFailure;

    private CitusCluster() {
    }

    /** @return the coordinator's JDBC URL */
    static String url() {
        String url = System.getProperty("polyref.citus.url");
        if (url == null || url.isBlank()) {
            url = System.getenv("POLYREF_CITUS_URL");
        }
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** Skips the calling test, with the reason, unless the cluster is there and migrated. */
    static synchronized void assumeAvailable() {
        if (!migrated && unavailable == null) {
            unavailable = probe();
            if (unavailable == null) {
                try {
                    migrate();
                    migrated = true;
                } catch (RuntimeException e) {
                    migrationFailure = e;
                }
            }
        }
        if (migrationFailure != null) {
            // a cluster that is there but cannot be migrated is a failure, never a skip
            throw new IllegalStateException("Migrating the Citus cluster at " + url() + " failed", migrationFailure);
        }
        assumeTrue(unavailable == null, () -> "no Citus cluster: " + unavailable + " (start one with "
                + "../shared/citus/cluster.sh start, or set POLYREF_CITUS_URL / -Dpolyref.citus.url)");
    }

    private static @Nullable String probe() {
        try (Connection c = DriverManager.getConnection(url())) {
            DSLContext dsl = DSL.using(c);
            if (dsl.fetchOptional("select 1 from pg_catalog.pg_extension where extname = 'citus'").isEmpty()) {
                return url() + " has no citus extension";
            }
            if (workerUrls(dsl).isEmpty()) {
                return url() + " has no worker nodes";
            }
            return null;
        } catch (SQLException e) {
            return url() + " is not reachable: " + e.getMessage();
        }
    }

    /** Drops what an earlier run left and applies Polyref's and the Citus example's migrations. */
    private static void migrate() {
        try (Connection c = DriverManager.getConnection(url())) {
            DSLContext dsl = DSL.using(c);
            dsl.execute("set client_min_messages = warning");
            dsl.execute("drop schema if exists example cascade");
            dsl.execute("drop schema if exists polyref cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the Citus database at " + url(), e);
        }
        long start = System.nanoTime();
        Flyway.configure()
                .dataSource(dataSource())
                .locations(LOCATIONS)
                .schemas("example")
                .callbacks(PolyrefMigrations.callback())
                .failOnMissingLocations(true)
                .load()
                .migrate();
        System.out.printf("[polyref-test] Citus cluster at %s: migrations/example-citus migrated in %d ms%n", url(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** @return a data source for the coordinator */
    static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url());
        return ds;
    }

    /** @return a new connection to the coordinator with a statement-counting DSLContext over it */
    static Session open() {
        try {
            Connection connection = DriverManager.getConnection(url());
            StatementCounter counter = new StatementCounter();
            return new Session(connection, TestDatabase.dsl(connection, counter), counter);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + url(), e);
        }
    }

    /** @return the JDBC URLs of the worker nodes, read from the coordinator's pg_dist_node */
    static List<String> workerUrls(DSLContext coordinator) {
        String prefix = url().replaceFirst("^(jdbc:postgresql://)[^/]+(/.*)$", "$1%s:%d$2");
        List<String> urls = new ArrayList<>();
        coordinator.fetch("select nodename, nodeport from pg_catalog.pg_dist_node where groupid > 0 and isactive "
                + "order by nodeport").forEach(r -> urls.add(prefix.formatted(r.get(0), r.get(1))));
        return urls;
    }

    /** One connection to the coordinator and the counter of its statements. */
    record Session(Connection connection, DSLContext dsl, StatementCounter counter) implements AutoCloseable {

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
