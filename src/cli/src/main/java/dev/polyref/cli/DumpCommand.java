package dev.polyref.cli;

import dev.polyref.PolyrefException;
import dev.polyref.fixtures.FixtureListener;
import dev.polyref.fixtures.FixtureSummary;
import dev.polyref.fixtures.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polyref dump}: Django's dumpdata --natural-foreign. */
@Command(name = "dump", description = {"Write the rows of tables as a JSON fixture (format polyref-fixture/1) in "
        + "which content types are natural keys [\"app_label\", \"model\"], so it loads into a database whose "
        + "content-type ids differ.", "Tables stream in the order given: list referenced tables first."})
final class DumpCommand extends DatabaseCommand {

    @Option(names = "--table", required = true, paramLabel = "SCHEMA.TABLE",
            description = "A table to dump; repeat for more.")
    List<String> tables;

    @Option(names = "--file", paramLabel = "FILE", description = "Where to write (default: standard output). "
            + "A regular file is written to a temporary file first and renamed, so a failed dump leaves no partial "
            + "file; a symbolic link is followed (the file it points to is replaced, the link stays); a FIFO or a "
            + "device is written through.")
    @Nullable Path file;

    @Override
    public Integer call() throws IOException {
        List<Table<?>> chosen = TableNames.parse(commandLine(), tables);
        FixtureListener progress = ProgressPrinter.forTerminal(main.terminal(), err(), "Dumping");
        try (Database db = connection.open()) {
            DSLContext dsl = db.polyref();
            if (file == null) {
                // PrintWriter swallows write errors (closed pipe, full disk): this writer throws them instead,
                // so the dump stops at once and exits 2
                Fixtures.dump(dsl, chosen, new FailingWriter(out(), "standard output"), progress);
                return 0;
            }
            Path target = target(file);
            FixtureSummary summary = Files.isRegularFile(target) || !Files.exists(target)
                    ? dumpToRegularFile(dsl, chosen, target, progress)
                    : dumpThrough(dsl, chosen, target, progress);
            printSummary(out(), "Dumped", summary, "to " + Text.printable(file));
        }
        return 0;
    }

    /**
     * @return where to write: the file itself, or for a symbolic link the file it points to, so the link is never
     *         replaced by a regular file
     * @throws PolyrefException for a directory or a link to nothing
     */
    private static Path target(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isSymbolicLink(target)) {
            try {
                target = target.toRealPath();
            } catch (NoSuchFileException e) {
                throw new PolyrefException("Cannot write " + Text.printable(file)
                        + ": it is a symbolic link to a file that does not exist");
            }
        }
        if (Files.isDirectory(target)) {
            throw new PolyrefException("Cannot write " + Text.printable(file) + ": it is a directory");
        }
        return target;
    }

    /** A regular (or new) file: a temporary file beside it, renamed over it once complete. */
    private static FixtureSummary dumpToRegularFile(DSLContext dsl, List<Table<?>> chosen, Path target,
            FixtureListener progress) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            FixtureSummary summary;
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                summary = Fixtures.dump(dsl, chosen, out, progress);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A FIFO, a device ({@code /dev/null}, {@code /dev/stdout}) or another special file: opened for writing as the
     * shell's {@code >} would, never created, truncated or replaced.
     */
    private static FixtureSummary dumpThrough(DSLContext dsl, List<Table<?>> chosen, Path target,
            FixtureListener progress) throws IOException {
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            return Fixtures.dump(dsl, chosen, out, progress);
        }
    }

    /** {@code Dumped 12 rows of 2 tables to tags.json:} and one line per table. */
    static void printSummary(PrintWriter out, String verb, FixtureSummary summary, String where) {
        out.println(verb + " " + Text.plural(summary.totalRows(), "row") + " of "
                + Text.plural(summary.rowsPerTable().size(), "table") + " " + where + ":");
        summary.rowsPerTable().forEach((table, rows) -> out.println("    " + Text.printable(table) + ": "
                + Text.plural(rows, "row")));
    }

    /** A writer over a PrintWriter that turns the PrintWriter's swallowed errors back into IOExceptions. */
    static final class FailingWriter extends Writer {

        private final PrintWriter out;
        private final String name;

        FailingWriter(PrintWriter out, String name) {
            this.out = out;
            this.name = name;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            check();
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            out.write(text, offset, length);
            check();
        }

        @Override
        public void flush() throws IOException {
            check();
        }

        @Override
        public void close() throws IOException {
            check();
        }

        /** {@code checkError} flushes, so a failure shows up here at the latest one buffer after it happened. */
        private void check() throws IOException {
            if (out.checkError()) {
                throw new IOException("Cannot write to " + name + " (closed pipe or full disk?); the fixture is "
                        + "incomplete");
            }
        }
    }
}
