package dev.polyref.testing;

import dev.polyref.migration.PolyrefFlyway;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Gives each test class a migrated PostgreSQL database of its own, injected as a {@link TestDatabase}
 * parameter (constructor, lifecycle or test method).
 *
 * <p>The example application is migrated once per run into a template database (with Polyref's schema and
 * the catalogue sync); each test class gets a copy ({@code CREATE DATABASE ... TEMPLATE}), which takes
 * milliseconds instead of a migration.
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
        server.createDatabase(name, servers.template());
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

    static String setting(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null ? "" : value.trim();
    }

    /** The run's server and template database, closed when the whole run ends. */
    // CloseableResource (deprecated in JUnit 5.13) for users on JUnit 5.12 and older, which close only those
    @SuppressWarnings("deprecation")
    static final class Servers implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        private final List<String> created = new ArrayList<>();
        private final TestServer server;
        private final String template;

        Servers() {
            this.server = startServer();
            this.template = "polyref_template_" + ProcessHandle.current().pid();
            server.createDatabase(template, null);
            created.add(template);
            Flyway.configure()
                    .dataSource(server.dataSource(template))
                    .locations("classpath:dev/polyref/example/migrations")
                    .schemas("example")
                    .callbacks(PolyrefFlyway.callback())
                    .load()
                    .migrate();
            System.out.println("[polyref-test] " + server.describe() + ", template database " + template);
        }

        TestServer server() {
            return server;
        }

        String template() {
            return template;
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
