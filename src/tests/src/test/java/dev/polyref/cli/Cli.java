package dev.polyref.cli;

import dev.polyref.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Runs {@code polyref} in-process, capturing standard output and error. Public for the security tests in
 * {@code dev.polyref.security}.
 */
public final class Cli {

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Map<String, String> environment = Map.of();
    private String stdin = "";
    private boolean terminal;
    private @Nullable OutputStream stdout;

    public static Cli polyref() {
        return new Cli();
    }

    /** Standard output goes to this stream (UTF-8), as {@code Main.main} writes to the process's descriptor. */
    public Cli stdout(OutputStream stream) {
        this.stdout = stream;
        return this;
    }

    public Cli environment(Map<String, String> environment) {
        this.environment = environment;
        return this;
    }

    public Cli stdin(String stdin) {
        this.stdin = stdin;
        return this;
    }

    public Cli terminal() {
        this.terminal = true;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new Main(environment,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal).commandLine();
        commandLine.setOut(stdout == null ? new PrintWriter(out, true)
                : new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Runs a database command against {@code db}: its arguments, then the connection options. */
    public Result run(TestDatabase db, String... args) {
        return runOn(db.jdbcUrl(), db, args);
    }

    /** Runs a database command against the database at {@code url}, with the credentials of {@code db}. */
    public Result runOn(String url, TestDatabase credentials, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", url));
        if (!credentials.user().isEmpty()) {
            all.addAll(List.of("--user", credentials.user()));
        }
        if (!credentials.password().isEmpty()) {
            all.addAll(List.of("--password", credentials.password()));
        }
        return run(all.toArray(String[]::new));
    }
}
