package dev.polyref.cli;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PolyrefTest
class UsageTest {

    private final TestDatabase db;

    UsageTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Cli.Result result = polyref().run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("catalogue", "migrate", "sync", "list", "stale", "check", "dump", "load",
                "Exit codes: 0 success, 1 usage error, 2 a failed check or operation");
        assertThat(polyref().run("dump", "--help").out()).contains("--table", "--url", "--verbose");
    }

    @Test
    void usageErrorsExitOneWithOneLineOnStandardError() {
        assertUsageError(polyref().run(), "Missing command");
        assertUsageError(polyref().run("frobnicate"), "Unmatched argument");
        assertUsageError(polyref().run("list"), "Missing --url (or set POLYREF_URL)");
        assertUsageError(polyref().run("list", "--url", "mysql://x"), "must be a PostgreSQL JDBC URL");
        assertUsageError(polyref().run("dump", "--url", db.jdbcUrl()), "Missing required option: '--table");
        assertUsageError(polyref().run(db, "dump", "--table", "tagged_item"), "schema.table; got 'tagged_item'");
        assertUsageError(polyref().run(db, "stale", "--yes"), "--yes only goes with --remove");
        assertUsageError(polyref().run(db, "migrate", "--schemas", "example"), "--schemas needs --locations");
    }

    @Test
    void connectionOptionsDefaultToTheEnvironment() {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("POLYREF_URL", db.jdbcUrl()));
        if (!db.user().isEmpty()) {
            environment.put("POLYREF_USER", db.user());
            environment.put("POLYREF_PASSWORD", db.password());
        }
        Cli.Result result = polyref().environment(environment).run("list");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("example.video");
    }

    @Test
    void aFailedOperationExitsTwoWithOneLineAndNoStackTraceUnlessVerbose() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/nowhere";
        Cli.Result result = polyref().run("list", "--url", unreachable);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("polyref: error: Cannot connect: Connection to 127.0.0.1:1 refused")
                .hasLineCount(1);

        Cli.Result verbose = polyref().run("list", "--url", unreachable, "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(2);
        assertThat(verbose.err()).startsWith("polyref: error: Cannot connect")
                .contains("at dev.polyref.cli.Database.open");
    }

    @Test
    void aDatabaseWithoutPolyrefSaysToMigrate() throws Exception {
        try (var empty = new dev.polyref.testing.ScratchDatabase(db, "empty")) {
            Cli.Result result = polyref().runOn(empty.jdbcUrl(), db, "list");
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("polyref: error: This database has no Polyref catalogue "
                    + "(polyref.content_type); run 'polyref migrate' first\n");
        }
    }

    private static void assertUsageError(Cli.Result result, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).as(result.toString()).startsWith("polyref: ").contains(message).hasLineCount(1);
        assertThat(result.out()).isEmpty();
    }
}
