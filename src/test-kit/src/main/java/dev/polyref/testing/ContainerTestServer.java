package dev.polyref.testing;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** PostgreSQL 18 in a Testcontainers container, for machines with Docker ({@code -Dpolyref.test.db=testcontainers}). */
final class ContainerTestServer implements TestServer {

    private final PostgreSQLContainer<?> container;
    private final ExternalTestServer server;

    private ContainerTestServer(PostgreSQLContainer<?> container) {
        this.container = container;
        this.server = new ExternalTestServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    /** @return whether a Docker engine answers, so callers can skip with a reason when none does */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static ContainerTestServer start() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:18-alpine");
        container.start();
        return new ContainerTestServer(container);
    }

    @Override
    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    @Override
    public DataSource dataSource(String database) {
        return server.dataSource(database);
    }

    @Override
    public String user() {
        return server.user();
    }

    @Override
    public String password() {
        return server.password();
    }

    @Override
    public void createDatabase(String name, @Nullable String template) {
        server.createDatabase(name, template);
    }

    @Override
    public void dropDatabase(String name) {
        server.dropDatabase(name);
    }

    @Override
    public String describe() {
        return "Testcontainers " + container.getDockerImageName();
    }

    @Override
    public void close() {
        container.stop();
    }
}
