package dev.polyref.testing;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** A PostgreSQL server the tests may create databases on. */
interface TestServer extends AutoCloseable {

    /** @return the JDBC URL of a database on this server */
    String jdbcUrl(String database);

    /** @return a data source for a database on this server */
    DataSource dataSource(String database);

    /** @return the user that {@link #dataSource(String)} connects as, or "" if the URL says */
    default String user() {
        return "";
    }

    /** @return that user's password, or "" if none */
    default String password() {
        return "";
    }

    /** Creates {@code name} as a copy of {@code template} (or empty if null). */
    void createDatabase(String name, @Nullable String template);

    /** Drops a database this run created (not needed for a throw-away server). */
    void dropDatabase(String name);

    /** @return a short description for logs */
    String describe();

    @Override
    void close();
}
