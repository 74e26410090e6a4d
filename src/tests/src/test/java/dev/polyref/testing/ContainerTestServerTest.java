package dev.polyref.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.polyref.catalogue.NaturalKey;
import dev.polyref.migration.PolyrefMigrations;
import java.sql.Connection;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The Testcontainers backend, on machines with Docker. Without a Docker engine the test is skipped and
 * JUnit reports the reason; it never silently passes.
 */
class ContainerTestServerTest {

    @Test
    void migratesAndSyncsInAPostgresContainer() throws Exception {
        boolean docker = ContainerTestServer.dockerAvailable();
        String reason = "No Docker engine available: the Testcontainers backend is skipped (embedded PostgreSQL is"
                + " the default)";
        if (!docker) {
            // Surefire keeps an assumption's message in its reports only: say it where the build output shows it
            System.out.println("[polyref-tests] ContainerTestServerTest: " + reason);
        }
        assumeTrue(docker, reason);
        try (ContainerTestServer server = ContainerTestServer.start()) {
            Flyway.configure().dataSource(server.dataSource("test"))
                    .locations("classpath:dev/polyref/example/migrations").schemas("example")
                    .callbacks(PolyrefMigrations.callback()).load().migrate();
            try (Connection c = server.dataSource("test").getConnection()) {
                var registry = dev.polyref.Polyref.configure().load().using(TestDatabase.dsl(c, new StatementCounter())).contentTypes();
                assertThat(registry.get(NaturalKey.of("example", "video")).model()).isEqualTo("video");
            }
        }
    }
}
