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
 * polyref list --url jdbc:postgresql://localhost/app --user app
 * POLYREF_URL=jdbc:postgresql://localhost/app polyref stale --remove
 * </pre>
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
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // Flyway and the embedded server log through slf4j-simple: keep them quiet unless asked
        boolean verbose = Arrays.asList(args).contains("--verbose");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        if (!verbose) {
            // A failed migration is reported once, as polyref's error line
            System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb.core.internal.command.DbMigrate", "off");
        }
        if (!verbose) {
            // pgjdbc logs some URL problems through java.util.logging, URL text and all: errors are our one line
            PGJDBC_LOGGER.setLevel(Level.OFF);
        }
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Main main = new Main(System.getenv(), System.in, System.console() != null);
        CommandLine commandLine = main.commandLine();
        // UTF-8 whatever the locale (a fixture is UTF-8), onto the file descriptor itself: System.out would swallow
        // a failed write, this stream reports it to the PrintWriter, whose checkError() then tells
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true));
        int exitCode = commandLine.execute(args);
        commandLine.getOut().flush();
        System.exit(exitCode);
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
