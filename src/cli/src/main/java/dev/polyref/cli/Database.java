package dev.polyref.cli;

import dev.polyref.PolyrefException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * One connection held for the length of a command, and a DSLContext over it.
 *
 * <p>The connection's {@code search_path} is pinned to {@code pg_catalog, pg_temp} as soon as it opens, as
 * {@code pg_dump} and {@code pg_restore} do: a function or operator that someone else created in a schema on the
 * user's path (say {@code public}, or one named in the URL's {@code currentSchema}) can then never stand in for a
 * built-in and run with the rights of whoever runs {@code polyref}. Every name Polyref uses is schema-qualified.
 * ({@code migrate} runs the application's own migrations, which may rely on the path; it does not use this.)
 */
final class Database implements AutoCloseable {

    /** A SET command, not a function call: nothing in the user's path can intercept it. */
    static final String PIN_SEARCH_PATH = "set search_path = pg_catalog, pg_temp";

    private final Connection connection;
    private final DSLContext dsl;

    private Database(Connection connection) {
        this.connection = connection;
        this.dsl = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    }

    /**
     * @return an open connection whose search_path is pinned
     * @throws PolyrefException if the server cannot be reached or refuses the login, saying which
     */
    static Database open(DataSource dataSource) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new PolyrefException(connectFailure(e), e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(PIN_SEARCH_PATH);
        } catch (SQLException e) {
            close(connection);
            throw new PolyrefException("Cannot set the session's search_path: " + e.getMessage(), e);
        }
        return new Database(connection);
    }

    /** @return {@code Cannot connect: unknown host 'db.example'} rather than "The connection attempt failed." */
    static String connectFailure(Throwable e) {
        UnknownHostException unknown = find(e, UnknownHostException.class);
        if (unknown != null) {
            return "Cannot connect: unknown host '" + unknown.getMessage() + "' (check the host in --url)";
        }
        ConnectException refused = find(e, ConnectException.class);
        if (refused != null) {
            return "Cannot connect: " + e.getMessage() + " (" + refused.getMessage() + ")";
        }
        return "Cannot connect: " + e.getMessage();
    }

    private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    DSLContext dsl() {
        return dsl;
    }

    /**
     * @return the DSLContext, after checking Polyref's schema is there
     * @throws PolyrefException if it is not, saying to run {@code polyref migrate}
     */
    DSLContext polyref() {
        if (!hasPolyrefSchema(dsl)) {
            throw new PolyrefException("This database has no Polyref catalogue (polyref.content_type); "
                    + "run 'polyref migrate' first");
        }
        return dsl;
    }

    /** @return whether {@code polyref.content_type} exists (qualified: the caller's search_path picks nothing) */
    static boolean hasPolyrefSchema(DSLContext dsl) {
        return dsl.fetchValue("select pg_catalog.to_regclass('polyref.content_type'::pg_catalog.text)") != null;
    }

    @Override
    public void close() {
        close(connection);
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing after the work is done: nothing left to lose
        }
    }
}
