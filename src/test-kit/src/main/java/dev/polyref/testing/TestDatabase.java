package dev.polyref.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * A migrated database of its own for one test class: Polyref's schema and the example application,
 * with the catalogue synced. Injected by {@link PolyrefDatabaseExtension}.
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;
    private final String jdbcUrl;
    private final DataSource dataSource;
    private final String user;
    private final String password;
    private final Connection connection;
    private final StatementCounter counter = new StatementCounter();
    private final DSLContext dsl;

    TestDatabase(String name, String jdbcUrl, DataSource dataSource, String user, String password) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
        this.user = user;
        this.password = password;
        try {
            this.connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to test database " + name, e);
        }
        this.dsl = dsl(connection, counter);
    }

    /** @return a DSLContext over one connection of this database, counting statements into {@link #counter()} */
    public DSLContext dsl() {
        return dsl;
    }

    /** @return the counter attached to {@link #dsl()} */
    public StatementCounter counter() {
        return counter;
    }

    /** @return a data source that opens new connections to this database (for concurrency tests) */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return a DSLContext that takes a new connection from {@link #dataSource()} per statement */
    public DSLContext newDsl() {
        return DSL.using(dataSource, SQLDialect.POSTGRES, settings());
    }

    /** @return this database's name */
    public String name() {
        return name;
    }

    /** @return its JDBC URL (credentials not included) */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** @return the user to connect with, or "" when the JDBC URL names it */
    public String user() {
        return user;
    }

    /** @return that user's password, or "" */
    public String password() {
        return password;
    }

    /**
     * @param connection a connection
     * @param counter    where to count statements
     * @return a PostgreSQL DSLContext over it
     */
    public static DSLContext dsl(Connection connection, StatementCounter counter) {
        return DSL.using(new DefaultConfiguration()
                .set(connection)
                .set(SQLDialect.POSTGRES)
                .set(settings())
                .set(counter));
    }

    private static Settings settings() {
        return new Settings().withExecuteLogging(false);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
