package dev.polyref.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code polyref}: the command line. Exit codes: 0 success, 1 usage error, 2 a failed check or operation.
 * Errors go to standard error as one line; {@code --verbose} adds the stack trace.
 *
 * <pre>
 * java -jar polyref-cli-0.2.0-all.jar list --url jdbc:postgresql://localhost/app --user app
 * POLYREF_URL=jdbc:postgresql://localhost/app java -jar polyref-cli-0.2.0-all.jar stale --remove
 * </pre>
 *
 * <p>Inside another program, {@link #run(String[], PrintWriter, PrintWriter)} returns the exit code instead of
 * exiting.
 */
@Command(name = "polyref",
        description = "Content types and generic foreign keys for jOOQ and PostgreSQL: manage a database's catalogue.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {MigrateCommand.class, SyncCommand.class, ListCommand.class,
                StaleCommand.class, CheckCommand.class, DumpCommand.class, LoadCommand.class},
        footer = {"", "Exit codes: 0 success, 1 usage error, 2 a failed check or operation."})
public final class Main implements Callable<Integer> {

    /** Held so the level set on it is not lost to garbage collection. */
    private static final Logger PGJDBC_LOGGER = Logger.getLogger("org.postgresql");

    /** Exit code of a usage error. */
    static final int USAGE = 1;
    /** Exit code of a failed check or operation. */
    static final int FAILED = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final BufferedReader stdin;
    private final boolean terminal;

    /**
     * @param environment where {@code POLYREF_URL}, {@code POLYREF_USER} and {@code POLYREF_PASSWORD} come from
     * @param stdin       where answers to questions come from
     * @param terminal    whether a person watches: shows progress on standard error
     */
    Main(Map<String, String> environment, InputStream stdin, boolean terminal) {
        this.environment = Map.copyOf(environment);
        this.stdin = new BufferedReader(new InputStreamReader(stdin, Charset.defaultCharset()));
        this.terminal = terminal;
    }

    /**
     * Runs the command line and exits with its code: {@code java -jar polyref-cli-<version>-all.jar COMMAND ...}.
     * Logs only warnings and errors unless {@code --verbose}. To run it inside another program, without exiting,
     * use {@link #run(String[], PrintWriter, PrintWriter)}.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        quietLibraries(Arrays.asList(args).contains("--verbose"));
        // UTF-8 whatever the locale (a fixture is UTF-8), onto the file descriptor itself: System.out would swallow
        // a failed write, this stream reports it to the PrintWriter, whose checkError() then tells
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exitCode = new Main(System.getenv(), System.in, System.console() != null).execute(args, out, err);
        System.exit(exitCode);
    }

    /**
     * Runs the command line in this JVM and returns its exit code instead of exiting: for a service's admin
     * endpoint, a build step or a test. {@code POLYREF_URL}, {@code POLYREF_USER} and {@code POLYREF_PASSWORD} come
     * from the environment, answers to questions ({@code stale --remove} without {@code --yes}) from standard input;
     * no progress is shown. Logging is left as the calling program configured it.
     *
     * <pre>{@code
     * StringWriter out = new StringWriter();
     * StringWriter err = new StringWriter();
     * int exitCode = Main.run(new String[] {"check", "--url", "jdbc:postgresql://localhost/app", "--user", "app"},
     *         new PrintWriter(out), new PrintWriter(err));
     * if (exitCode != 0) {
     *     throw new IllegalStateException("polyref check failed: " + err);
     * }
     * }</pre>
     *
     * @param args the arguments, as on the command line
     * @param out  where the command's output goes; flushed before this returns
     * @param err  where errors and usage messages go; flushed before this returns
     * @return 0 success, 1 usage error, 2 a failed check or operation
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return new Main(System.getenv(), System.in, false).execute(args, out, err);
    }

    /** Runs the arguments with these streams; the exit code. */
    int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * A process of its own: Flyway and the libraries log through slf4j-simple (in the runnable jar), so keep them
     * at warnings unless asked; only {@link #main} does this, as it changes settings of the whole JVM.
     */
    private static void quietLibraries(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        if (!verbose) {
            // A failed migration is reported once, as polyref's error line
            System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb.core.internal.command.DbMigrate", "off");
            // pgjdbc logs some URL problems through java.util.logging, URL text and all: errors are our one line
            PGJDBC_LOGGER.setLevel(Level.OFF);
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    /** @return a command line over this instance, with Polyref's exit codes and error handling */
    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        commandLine.setDefaultValueProvider(argument -> argument instanceof OptionSpec option
                ? ConnectionOptions.environmentDefault(option, environment) : null);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(Errors.redact("polyref: " + e.getMessage() + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')", Errors.secrets(List.of(args),
                    environment)));
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            Set<String> secrets = Errors.secrets(parseResult.originalArgs(), environment);
            err.println(Errors.redact("polyref: error: " + Errors.oneLine(e), secrets));
            if (verbose) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err.print(Errors.redact(trace.toString(), secrets));
            }
            err.flush();
            return FAILED;
        });
        commandLine.setExecutionStrategy(parseResult -> {
            int exitCode = new CommandLine.RunLast().execute(parseResult);
            // Output that could not be written (closed pipe, full disk) is a failure, whatever the command thought
            if (parseResult.commandSpec().commandLine().getOut().checkError()) {
                PrintWriter err = parseResult.commandSpec().commandLine().getErr();
                err.println("polyref: error: Cannot write to standard output (closed pipe or full disk?)");
                err.flush();
                return FAILED;
            }
            return exitCode;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    BufferedReader stdin() {
        return stdin;
    }

    boolean terminal() {
        return terminal;
    }
}
