package dev.polyref.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Main#run}: the command line inside another program returns its exit code and writes to given writers. */
@PolyrefTest
class EmbeddedRunTest {

    private final TestDatabase db;

    EmbeddedRunTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aCommandThatSucceedsReturnsZeroAndPrintsToTheGivenOutput() {
        Run run = run("list");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out.toString()).contains("example.video").contains("example.song");
        assertThat(run.err.toString()).isEmpty();
    }

    @Test
    void aUsageErrorReturnsOneAndPrintsTheMessageToTheGivenErrorWriter() {
        Run run = run("list", "--no-such-option");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.err.toString()).startsWith("polyref: Unknown option: '--no-such-option'");
        assertThat(run.out.toString()).isEmpty();
    }

    @Test
    void aFailedCheckReturnsTwoAndTheProgramGoesOn() {
        db.dsl().execute("create table example.gone (id bigint primary key)");
        db.dsl().execute("select polyref.sync_content_types(array['example'])");
        db.dsl().execute("drop table example.gone");
        try {
            Run run = run("check");

            assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
            assertThat(run.out.toString()).contains("stale-content-types: example.gone");
        } finally {
            assertThat(run("stale", "--remove", "--yes").exitCode).isZero();
        }
        // Still here: run returned instead of exiting the JVM
        assertThat(run("check").exitCode).isZero();
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl()));
        if (!db.user().isEmpty()) {
            all.addAll(List.of("--user", db.user()));
        }
        if (!db.password().isEmpty()) {
            all.addAll(List.of("--password", db.password()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Not autoflushing: run must flush them itself
        int exitCode = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(exitCode, out, err);
    }

    private record Run(int exitCode, StringWriter out, StringWriter err) {
    }
}
