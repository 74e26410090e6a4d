package dev.polyref.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Database roles for security tests: ordinary (non-superuser) login roles on the server of a {@link TestDatabase},
 * and connections to that database as them. Roles are cluster-wide, so their names carry the test database's
 * name; {@link #close()} drops what they own in this database and then the roles.
 *
 * <p>Creating roles needs the test database's user to be a superuser (the embedded default is). On an external
 * server whose user is not, {@link #TestRoles(TestDatabase)} aborts the test with the reason.
 *
 * <pre>
 * try (TestRoles roles = new TestRoles(db)) {
 *     TestRoles.Role mallory = roles.create("mallory");
 *     db.dsl().execute("grant usage on schema polyref to " + mallory.quoted());
 *     DSLContext attacker = roles.connect(mallory);
 *     ...
 * }
 * </pre>
 */
public final class TestRoles implements AutoCloseable {

    /** A login role and its password. */
    public record Role(String name, String password) {
        /** @return the name as a quoted SQL identifier */
        public String quoted() {
            return "\"" + name.replace("\"", "\"\"") + "\"";
        }
    }

    private final TestDatabase db;
    private final List<Role> roles = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    /**
     * @param db the database the roles connect to; its user must be a superuser
     */
    public TestRoles(TestDatabase db) {
        this.db = db;
        Boolean superuser = db.dsl().resultQuery(
                "select rolsuper from pg_catalog.pg_roles where rolname operator(pg_catalog.=) current_user")
                .fetchOne(0, Boolean.class);
        if (!Boolean.TRUE.equals(superuser)) {
            String reason = "security tests create roles: the test database's user is not a superuser";
            System.err.println("[polyref-test] " + reason);
            throw new TestAbortedException(reason);
        }
    }

    /**
     * Creates an ordinary login role (NOSUPERUSER NOCREATEDB NOCREATEROLE) that may connect to the test database.
     *
     * @param suffix a short word, part of the role's name
     * @return the role
     */
    public Role create(String suffix) {
        String name = (db.name() + "_" + suffix);
        name = name.length() > 63 ? name.substring(name.length() - 63) : name;
        Role role = new Role(name, UUID.randomUUID().toString());
        db.dsl().execute("drop role if exists " + role.quoted());
        db.dsl().execute("create role " + role.quoted()
                + " login nosuperuser nocreatedb nocreaterole noinherit password " + DSL.inline(role.password()));
        db.dsl().execute("grant connect, temporary on database \"" + db.name() + "\" to " + role.quoted());
        roles.add(role);
        return role;
    }

    /**
     * @param role a role made by {@link #create(String)}
     * @return a DSLContext over a new connection to the test database as that role (closed with this object)
     */
    public DSLContext connect(Role role) {
        return TestDatabase.dsl(connection(role), new StatementCounter());
    }

    /**
     * @param role a role made by {@link #create(String)}
     * @return a new JDBC connection to the test database as that role (closed with this object)
     */
    public Connection connection(Role role) {
        PGSimpleDataSource ds = dataSource(role);
        try {
            Connection c = ds.getConnection();
            connections.add(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect as " + role.name(), e);
        }
    }

    /**
     * @param role a role made by {@link #create(String)}
     * @return a data source for the test database as that role
     */
    public PGSimpleDataSource dataSource(Role role) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        ds.setUser(role.name());
        ds.setPassword(role.password());
        return ds;
    }

    /** @return whether the role is a superuser now (the goal of every escalation attack) */
    public boolean isSuperuser(Role role) {
        // pg_catalog's operator, also while a test has planted look-alike operators on the path
        return Boolean.TRUE.equals(db.dsl().resultQuery(
                "select rolsuper from pg_catalog.pg_roles where rolname operator(pg_catalog.=) {0}::pg_catalog.text",
                role.name()).fetchOne(0, Boolean.class));
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
        for (Role role : roles) {
            db.dsl().execute("drop owned by " + role.quoted() + " cascade");
            db.dsl().execute("drop role if exists " + role.quoted());
        }
    }
}
