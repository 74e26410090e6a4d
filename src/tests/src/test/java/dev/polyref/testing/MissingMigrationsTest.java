package dev.polyref.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A location that does not exist fails the test class with its name, instead of handing it an empty database
 * (Flyway would otherwise migrate nothing and log a warning). Runs a fixture class through JUnit's engine test
 * kit, which starts a server of its own.
 */
class MissingMigrationsTest {

    @PolyrefTest(locations = "classpath:dev/polyref/testing/no_such_folder", schemas = "app")
    static class Misconfigured {
        @Test
        void neverRuns(TestDatabase db) {
            throw new AssertionError("ran on " + db.name());
        }
    }

    @Test
    void theClassFailsNamingTheLocation() {
        List<Event> failed = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Misconfigured.class))
                .execute()
                .allEvents().failed().list();

        assertThat(failed).hasSize(1);
        Throwable failure = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(messages.toString())
                .contains("classpath:dev/polyref/testing/no_such_folder (schemas app)")
                .contains("no_such_folder");
    }
}
