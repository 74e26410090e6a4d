package dev.polyref.cli;

import dev.polyref.fixtures.FixtureListener;
import dev.polyref.fixtures.FixtureSummary;
import dev.polyref.fixtures.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            + "Written to a temporary file first, so a failed dump leaves no partial file.")
    @Nullable Path file;

    @Override
    public Integer call() throws IOException {
        List<Table<?>> chosen = TableNames.parse(commandLine(), tables);
        FixtureListener progress = ProgressPrinter.forTerminal(main.terminal(), err(), "Dumping");
        try (Database db = connection.open()) {
            DSLContext dsl = db.polyref();
            if (file == null) {
                Fixtures.dump(dsl, chosen, out(), progress);
                return 0;
            }
            Path target = file.toAbsolutePath();
            Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                FixtureSummary summary;
                try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    summary = Fixtures.dump(dsl, chosen, out, progress);
                }
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                printSummary(out(), "Dumped", summary, "to " + file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return 0;
    }

    /** {@code Dumped 12 rows of 2 tables to tags.json:} and one line per table. */
    static void printSummary(PrintWriter out, String verb, FixtureSummary summary, String where) {
        out.println(verb + " " + Text.plural(summary.totalRows(), "row") + " of "
                + Text.plural(summary.rowsPerTable().size(), "table") + " " + where + ":");
        summary.rowsPerTable().forEach((table, rows) -> out.println("    " + table + ": " + Text.plural(rows, "row")));
    }
}
