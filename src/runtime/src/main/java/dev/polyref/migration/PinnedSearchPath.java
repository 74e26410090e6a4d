package dev.polyref.migration;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The application's data source, with {@code search_path} pinned to {@code pg_catalog, pg_temp} on every connection
 * it hands out and the connection's own path restored when it is closed (given back to a pool).
 *
 * <p>Why: Flyway runs its own SQL (for example {@code select count(*) from pg_namespace where nspname = ?}, name
 * compared with a varchar) and runs Polyref's migrations with the schema prepended to the connection's path. Whoever
 * can create objects in a schema on that path (as anyone can in {@code public} before PostgreSQL 15) could shadow a
 * built-in with a closer type match and run code as the installing role, often a superuser. Pinned, Flyway's path
 * while it applies Polyref's schema is {@code polyref, pg_catalog, pg_temp}.
 */
record PinnedSearchPath(DataSource target) implements DataSource {

    private static final String PINNED = "pg_catalog, pg_temp";

    @Override
    public Connection getConnection() throws SQLException {
        return pinned(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pinned(target.getConnection(username, password));
    }

    private static Connection pinned(Connection connection) throws SQLException {
        String own;
        try (PreparedStatement statement = connection.prepareStatement(
                "select pg_catalog.current_setting('search_path')");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            own = rs.getString(1);
            setSearchPath(connection, PINNED);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(PinnedSearchPath.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        restoreAndClose(connection, own);
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void restoreAndClose(Connection connection, String own) throws SQLException {
        try {
            if (!connection.isClosed()) {
                setSearchPath(connection, own);
            }
        } finally {
            connection.close();
        }
    }

    private static void setSearchPath(Connection connection, String path) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select pg_catalog.set_config('search_path', ?, false)")) {
            statement.setString(1, path);
            statement.execute();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return target.isWrapperFor(type);
    }
}
