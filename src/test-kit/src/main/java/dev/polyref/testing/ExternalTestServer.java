package dev.polyref.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A server given by a JDBC URL ({@code -Dpolyref.test.url=jdbc:postgresql://host:5432/postgres}); the user
 * needs CREATEDB. Every database the run creates is dropped at the end.
 */
final class ExternalTestServer implements TestServer {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");

    private final String prefix;
    private final String maintenanceDb;
    private final String parameters;
    private final String user;
    private final String password;

    ExternalTestServer(String url, String user, String password) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("polyref.test.url must look like jdbc:postgresql://host:port/db, got "
                    + url);
        }
        this.prefix = m.group(1);
        this.maintenanceDb = m.group(2).isEmpty() ? "postgres" : m.group(2);
        this.parameters = m.group(3) == null ? "" : m.group(3);
        this.user = user;
        this.password = password;
    }

    @Override
    public String jdbcUrl(String database) {
        return prefix + database + parameters;
    }

    @Override
    public DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl(database));
        if (!user.isEmpty()) {
            ds.setUser(user);
        }
        if (!password.isEmpty()) {
            ds.setPassword(password);
        }
        return ds;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void createDatabase(String name, @Nullable String template) {
        execute("create database \"" + name + "\"" + (template == null ? "" : " template \"" + template + "\""));
    }

    @Override
    public void dropDatabase(String name) {
        execute("drop database if exists \"" + name + "\" with (force)");
    }

    @Override
    public String describe() {
        return "external PostgreSQL at " + jdbcUrl(maintenanceDb);
    }

    @Override
    public void close() {
        // Nothing to stop: the server is not ours
    }

    private void execute(String sql) {
        try (Connection c = dataSource(maintenanceDb).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
