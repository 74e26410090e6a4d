package dev.polyref.testing;

import dev.polyref.migration.PolyrefMigrations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind {@link PolyrefTest}: gives each test class a migrated PostgreSQL database of its own,
 * injected as a {@link TestDatabase} parameter (constructor, lifecycle or test method). Use it through the
 * annotation, which also says which migrations to use.
 *
 * <p>Each distinct set of migrations (Flyway locations and schemas) is migrated once per run into a template
 * database, with Polyref's schema and the catalogue sync ({@link PolyrefMigrations#callback()}); each test class
 * gets a copy ({@code CREATE DATABASE ... TEMPLATE}), which takes milliseconds instead of a migration. The
 * server, the templates and the copies live until the run ends.
 *
 * <p>Which server, by system property (or the environment variable in brackets):
 * <ul>
 *   <li>{@code polyref.test.db=embedded} ({@code POLYREF_TEST_DB}), the default: embedded PostgreSQL (18 unless {@code -Dpostgres-binaries.version} says otherwise);</li>
 *   <li>{@code polyref.test.db=url} with {@code polyref.test.url}, {@code polyref.test.user},
 *       {@code polyref.test.password} ({@code POLYREF_TEST_URL}, ...): an external server, user with CREATEDB;
 *       setting only the URL selects this mode too;</li>
 *   <li>{@code polyref.test.db=testcontainers}: PostgreSQL 18 in Docker; without Docker every test is
 *       skipped with the reason printed.</li>
 * </ul>
 */
public final class PolyrefDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            PolyrefDatabaseExtension.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    public void beforeAll(ExtensionContext context) {
        Servers servers = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Servers.class, k -> new Servers(), Servers.class);
        String name = ("t" + DATABASES.incrementAndGet() + "_" + context.getRequiredTestClass().getSimpleName())
                .toLowerCase(Locale.ROOT);
        name = name.length() > 63 ? name.substring(0, 63) : name;
        TestServer server = servers.server();
        server.createDatabase(name, servers.template(MigrationSet.forTestClass(context.getRequiredTestClass())));
        servers.created.add(name);
        context.getStore(NAMESPACE).put(TestDatabase.class,
                new TestDatabase(name, server.jdbcUrl(name), server.dataSource(name), server.user(),
                        server.password()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        TestDatabase db = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
        if (db != null) {
            db.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class);
    }

    /**
     * The database of a {@link PolyrefTest} class, for other extensions (such as the Spring Boot starter's
     * {@code @PolyrefSpringBootTest}) that run after this one's {@code beforeAll}.
     *
     * @param context the test class's (or one of its tests') extension context
     * @return its database, or empty before this extension's {@code beforeAll} or outside a {@code PolyrefTest}
     */
    public static java.util.Optional<TestDatabase> findDatabase(ExtensionContext context) {
        return java.util.Optional.ofNullable(context.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class));
    }

    static String setting(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null ? "" : value.trim();
    }

    /** The run's server and its template databases (one per migration set), closed when the whole run ends. */
    // CloseableResource (deprecated in JUnit 5.13) for users on JUnit 5.12 and older, which close only those
    @SuppressWarnings("deprecation")
    static final class Servers implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        private final List<String> created = new ArrayList<>();
        private final TestServer server;
        /** A template's name, or the migration failure that every class using the set reports again. */
        private final Map<MigrationSet, Object> templates = new HashMap<>();

        Servers() {
            this.server = startServer();
            System.out.println("[polyref-test] " + server.describe());
        }

        TestServer server() {
            return server;
        }

        /** @return the template database of these migrations, migrating it on first use */
        synchronized String template(MigrationSet migrations) {
            Object known = templates.computeIfAbsent(migrations, this::migrateTemplate);
            if (known instanceof RuntimeException failure) {
                throw new IllegalStateException("The template database for " + migrations
                        + " could not be migrated (see the first failure)", failure);
            }
            return (String) known;
        }

        private Object migrateTemplate(MigrationSet migrations) {
            String template = "polyref_template_" + ProcessHandle.current().pid() + "_" + (templates.size() + 1);
            long start = System.nanoTime();
            server.createDatabase(template, null);
            created.add(template);
            try {
                Flyway.configure()
                        .dataSource(server.dataSource(template))
                        .locations(migrations.locations().toArray(String[]::new))
                        .schemas(migrations.schemas().toArray(String[]::new))
                        .callbacks(PolyrefMigrations.callback())
                        .failOnMissingLocations(true)
                        .load()
                        .migrate();
                installDropGuard(template);
            } catch (RuntimeException e) {
                return e;
            }
            System.out.printf("[polyref-test] template database %s: %s migrated in %d ms%n", template, migrations,
                    (System.nanoTime() - start) / 1_000_000);
            return template;
        }

        /**
         * Installs Polyref's drop guard (an explicit step, as in production: an event trigger, so it needs a
         * superuser) when the test server's user is one, so tests see dropped targets handled as a guarded
         * database handles them.
         */
        private void installDropGuard(String template) {
            try (java.sql.Connection c = server.dataSource(template).getConnection();
                    java.sql.Statement s = c.createStatement();
                    java.sql.ResultSet superuser = s.executeQuery(
                            "select rolsuper from pg_catalog.pg_roles where rolname = current_user")) {
                if (superuser.next() && superuser.getBoolean(1)) {
                    s.execute("select polyref.install_drop_guard()");
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Cannot install Polyref's drop guard in " + template, e);
            }
        }

        private static TestServer startServer() {
            String mode = setting("polyref.test.db");
            String url = setting("polyref.test.url");
            if (mode.isEmpty()) {
                mode = url.isEmpty() ? "embedded" : "url";
            }
            switch (mode) {
                case "embedded":
                    return new EmbeddedTestServer();
                case "url":
                    if (url.isEmpty()) {
                        throw new IllegalStateException("polyref.test.db=url needs polyref.test.url=jdbc:postgresql://...");
                    }
                    return new ExternalTestServer(url, setting("polyref.test.user"), setting("polyref.test.password"));
                case "testcontainers":
                    if (!onClassPath("org.testcontainers.containers.PostgreSQLContainer")) {
                        // Optional in polyref-test's pom: only the users of this mode need it
                        throw new IllegalStateException("polyref.test.db=testcontainers needs"
                                + " org.testcontainers:postgresql among the test dependencies");
                    }
                    if (!ContainerTestServer.dockerAvailable()) {
                        String reason = "polyref.test.db=testcontainers, but no Docker engine is available: skipping";
                        System.err.println("[polyref-test] " + reason);
                        throw new TestAbortedException(reason);
                    }
                    return ContainerTestServer.start();
                default:
                    throw new IllegalStateException("Unknown polyref.test.db '" + mode
                            + "': use embedded, url or testcontainers");
            }
        }

        private static boolean onClassPath(String className) {
            try {
                Class.forName(className, false, PolyrefDatabaseExtension.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        @Override
        public void close() {
            try {
                for (String name : created) {
                    server.dropDatabase(name);
                }
            } finally {
                server.close();
            }
        }
    }
}
