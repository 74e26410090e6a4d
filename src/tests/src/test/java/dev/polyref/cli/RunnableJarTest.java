package dev.polyref.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar polyref-cli-<version>-all.jar}, as a user runs it without Maven: the shaded jar that
 * {@code mvn verify} builds in src/cli/target before this module's tests run. After only {@code mvn test} there is no
 * jar: the tests are skipped, saying why.
 */
@PolyrefTest
class RunnableJarTest {

    private final TestDatabase db;

    RunnableJarTest(TestDatabase db) {
        this.db = db;
    }

    /** The shaded jar; aborts the test, saying why, when the package phase has not built it. */
    private static Path jar() throws IOException {
        Path target = Path.of("src/cli/target");
        List<Path> jars;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jars = files.filter(f -> f.getFileName().toString().matches("polyref-cli-.*-all\\.jar")).toList();
        }
        Assumptions.assumeFalse(jars.isEmpty(), "no src/cli/target/polyref-cli-*-all.jar, which the package phase "
                + "builds: run mvn verify, not only mvn test");
        return jars.get(0);
    }

    @Test
    void helpRunsWithoutMaven() throws Exception {
        Run run = java("--help");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).startsWith("Usage: polyref").contains("check").contains("Exit codes");
        assertThat(run.err).isEmpty();
    }

    @Test
    void aCommandRunsAgainstADatabaseWithTheBundledDriverFlywayAndLogging() throws Exception {
        List<String> args = new ArrayList<>(List.of("list", "--url", db.jdbcUrl()));
        if (!db.user().isEmpty()) {
            args.addAll(List.of("--user", db.user()));
        }
        if (!db.password().isEmpty()) {
            args.addAll(List.of("--password", db.password()));
        }

        Run run = java(args.toArray(String[]::new));

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("example.video").contains("example.song");
        // slf4j-simple is inside: no "No SLF4J providers were found" warning
        assertThat(run.err).as(run.toString()).doesNotContain("SLF4J");
    }

    @Test
    void aUsageErrorExitsWithOne() throws Exception {
        Run run = java("no-such-command");

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("polyref: Unmatched argument");
    }

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("polyref-cli", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("java -jar finished").isTrue();
            return new Run(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.delete(err);
        }
    }

    private record Run(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
