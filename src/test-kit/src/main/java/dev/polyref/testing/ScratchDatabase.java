package dev.polyref.testing;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An empty database on the server of a {@link TestDatabase}, for tests that need a second one (for example to
 * load a fixture into a database whose catalogue ids differ). Dropped on {@link #close()}.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final TestDatabase server;
    private final String name;
    private final String jdbcUrl;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final Connection connection;
    private final DSLContext dsl;

    /**
     * Creates the database.
     *
     * @param server a test database whose server and credentials to use
     * @param suffix appended to its name
     */
    public ScratchDatabase(TestDatabase server, String suffix) {
        this.server = server;
        this.name = server.name() + "_" + suffix;
        this.jdbcUrl = server.jdbcUrl().replaceFirst("/" + server.name() + "(\\?|$)", "/" + name + "$1");
        server.dsl().execute("drop database if exists \"" + name + "\"");
        server.dsl().execute("create database \"" + name + "\"");
        dataSource.setUrl(jdbcUrl);
        if (!server.user().isEmpty()) {
            dataSource.setUser(server.user());
        }
        if (!server.password().isEmpty()) {
            dataSource.setPassword(server.password());
        }
        try {
            this.connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + jdbcUrl, e);
        }
        this.dsl = TestDatabase.dsl(connection, new StatementCounter());
    }

    /** @return its JDBC URL; connect with the {@link TestDatabase}'s user and password */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** @return a DSLContext over one connection to it */
    public DSLContext dsl() {
        return dsl;
    }

    /** @return a data source for it */
    public PGSimpleDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
        server.dsl().execute("drop database if exists \"" + name + "\" with (force)");
    }
}
