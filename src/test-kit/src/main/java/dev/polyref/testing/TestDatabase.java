package dev.polyref.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A migrated database of its own for one test class: a copy of the template that your migrations, Polyref's
 * schema and the catalogue sync were applied to. Take it as a parameter of a {@link PolyrefTest} class's
 * constructor, lifecycle or test methods; every method of the class sees the same database.
 *
 * <pre>{@code
 * @PolyrefTest(locations = "classpath:db/migration", schemas = "app")
 * class TagTest {
 *     @Test
 *     void tags(TestDatabase db) {
 *         ContentTypeRegistry registry = Polyref.configure().load().using(db.dsl()).contentTypes();
 *         ContentType video = db.assertStatements(1, () -> registry.get(NaturalKey.of("app", "video")));
 *         assertThat(video.model()).isEqualTo("video");
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #dsl()} holds one connection in auto-commit mode and counts its statements ({@link #counter()});
 * {@link #dataSource()} opens further connections, for concurrency tests.
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

    /**
     * Runs {@code action} and asserts that it ran exactly {@code expected} statements through {@link #dsl()}:
     * Django's {@code assertNumQueries}. See {@link StatementCounter#assertStatements(int, Runnable)}.
     *
     * @param expected how many statements
     * @param action   what to run
     */
    public void assertStatements(int expected, Runnable action) {
        counter.assertStatements(expected, action);
    }

    /**
     * Runs {@code action}, asserts that it ran exactly {@code expected} statements through {@link #dsl()}, and
     * returns its result. See {@link StatementCounter#assertStatements(int, Supplier)}.
     *
     * @param expected how many statements
     * @param action   what to run
     * @param <T>      its result type
     * @return what the action returned
     */
    public <T extends @Nullable Object> T assertStatements(int expected, Supplier<T> action) {
        return counter.assertStatements(expected, action);
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
