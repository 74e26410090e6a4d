package dev.polyref.migration;

import static dev.polyref.NullArgumentException.requireNonNull;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Polyref's own schema ({@code polyref}) as a Flyway migration with its own history table,
 * {@code polyref.polyref_schema_history}. Application migrations keep their own history, so Polyref's
 * {@code V1}, {@code V2}, ... never collide with the application's: both number from 1 independently.
 *
 * <p>Upgrades: a newer Polyref jar ships further versions of this location; the next call to
 * {@link #migrate(DataSource)} (directly, or through {@link PolyrefFlyway#callback()} before the
 * application's migrations) applies them to existing databases.
 *
 * <pre>{@code
 * PolyrefMigrations.migrate(dataSource);   // idempotent: applies only what is missing
 * }</pre>
 */
public final class PolyrefMigrations {

    /** The classpath location of Polyref's SQL migrations (the project's {@code migrations/polyref}). */
    public static final String LOCATION = "classpath:dev/polyref/migrations";
    /** Polyref's schema. */
    public static final String SCHEMA = "polyref";
    /** Polyref's Flyway history table, inside {@link #SCHEMA}. */
    public static final String HISTORY_TABLE = "polyref_schema_history";

    private PolyrefMigrations() {}

    /**
     * Applies Polyref's pending migrations.
     *
     * @param dataSource the application's database
     * @return Flyway's result
     */
    public static MigrateResult migrate(DataSource dataSource) {
        return flyway(requireNonNull(dataSource, "dataSource")).migrate();
    }

    /**
     * A Flyway instance for Polyref's schema, for callers that want {@code info()} or {@code validate()}.
     *
     * <p>Its connections have {@code search_path} pinned to {@code pg_catalog, pg_temp} while Flyway uses them (and
     * their own path back when they are closed), so neither Flyway's SQL nor Polyref's migrations resolve a
     * function or operator through a schema that others can create objects in.
     *
     * @param dataSource the application's database
     * @return the configured Flyway
     */
    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(PolyrefMigrations.class.getClassLoader())
                .dataSource(new PinnedSearchPath(requireNonNull(dataSource, "dataSource")))
                .locations(LOCATION)
                .schemas(SCHEMA)
                .table(HISTORY_TABLE)
                .load();
    }
}
