package dev.polyref.migration;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.UnsupportedServerVersionException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Polyref's own schema ({@code polyref}) as a Flyway migration with its own history table,
 * {@code polyref.polyref_schema_history}. Application migrations keep their own history, so Polyref's
 * {@code V1}, {@code V2}, ... never collide with the application's: both number from 1 independently.
 *
 * <p>Upgrades: a newer Polyref jar ships further versions of this location; the next call to
 * {@link #migrate(DataSource)} (directly, or through {@link #callback()} before the
 * application's migrations) applies them to existing databases.
 *
 * <pre>{@code
 * PolyrefMigrations.migrate(dataSource);   // idempotent: applies only what is missing
 * }</pre>
 *
 * <p>Supported servers: PostgreSQL {@value #MINIMUM_POSTGRES_MAJOR} and newer. On an older one both methods throw
 * {@link UnsupportedServerVersionException} before Flyway creates anything.
 */
public final class PolyrefMigrations {

    /** The classpath location of Polyref's SQL migrations (the project's {@code migrations/polyref}). */
    public static final String LOCATION = "classpath:dev/polyref/migrations";
    /** Polyref's schema. */
    public static final String SCHEMA = "polyref";
    /** Polyref's Flyway history table, inside {@link #SCHEMA}. */
    public static final String HISTORY_TABLE = "polyref_schema_history";
    /** The oldest PostgreSQL major version Polyref installs on ({@code CREATE OR REPLACE TRIGGER} is new in 14). */
    public static final int MINIMUM_POSTGRES_MAJOR = SupportedServer.MINIMUM_MAJOR;

    private PolyrefMigrations() {}

    /**
     * Applies Polyref's pending migrations.
     *
     * @param dataSource the application's database
     * @return Flyway's result
     * @throws UnsupportedServerVersionException if the server is older than PostgreSQL
     *                                           {@value #MINIMUM_POSTGRES_MAJOR}; nothing was created
     */
    public static MigrateResult migrate(DataSource dataSource) {
        return flyway(requireNonNull(dataSource, "dataSource")).migrate();
    }

    /**
     * Hooks Polyref into an application's Flyway: Django's {@code post_migrate} signal.
     *
     * <pre>{@code
     * Flyway.configure()
     *       .dataSource(dataSource)
     *       .schemas("app")
     *       .locations("classpath:db/migration")
     *       .callbacks(PolyrefMigrations.callback())
     *       .load()
     *       .migrate();
     * }</pre>
     *
     * <p>Before the application's migrations, the callback applies Polyref's own schema ({@link #migrate}), so
     * migrations can reference {@code polyref.content_type}. After them it syncs the catalogue with the tables of the
     * configured schemas (every non-system schema when none are configured); Flyway's history table, whatever its
     * name, is not a content type. The sync is race-safe: services migrating the same database at once all succeed
     * and every table gets exactly one row.
     *
     * @return a new callback; stateless and thread-safe
     */
    public static Callback callback() {
        return new SyncCallback();
    }

    /**
     * A Flyway instance for Polyref's schema, for callers that want {@code info()} or {@code validate()}.
     *
     * <p>Its connections have {@code search_path} pinned to {@code pg_catalog, pg_temp} while Flyway uses them (and
     * their own path back when they are closed), so neither Flyway's SQL nor Polyref's migrations resolve a
     * function or operator through a schema that others can create objects in.
     *
     * <p>It first reads the server's version (one query on one connection) and refuses a server older than
     * PostgreSQL {@value #MINIMUM_POSTGRES_MAJOR}, on which Polyref's migrations would stop part-way through.
     *
     * @param dataSource the application's database
     * @return the configured Flyway
     * @throws UnsupportedServerVersionException if the server is older than PostgreSQL
     *                                           {@value #MINIMUM_POSTGRES_MAJOR}; nothing was created
     */
    public static Flyway flyway(DataSource dataSource) {
        PinnedSearchPath pinned = new PinnedSearchPath(requireNonNull(dataSource, "dataSource"));
        SupportedServer.require(pinned);
        return Flyway.configure(PolyrefMigrations.class.getClassLoader())
                .dataSource(pinned)
                .locations(LOCATION)
                .schemas(SCHEMA)
                .table(HISTORY_TABLE)
                .load();
    }
}
