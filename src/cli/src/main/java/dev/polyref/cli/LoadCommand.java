package dev.polyref.cli;

import dev.polyref.fixtures.FixtureException;
import dev.polyref.fixtures.FixtureSummary;
import dev.polyref.fixtures.Fixtures;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polyref load}: Django's loaddata. */
@Command(name = "load", description = {"Load a JSON fixture written by 'polyref dump', in one transaction: every "
        + "row or, on any error, nothing.", "Content types are looked up by natural key in this database's "
        + "catalogue; rows whose primary key exists are replaced."})
final class LoadCommand extends DatabaseCommand {

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The fixture to load.")
    Path file;

    @Override
    public Integer call() throws IOException {
        try (Database db = connection.open(); Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            FixtureSummary summary;
            try {
                summary = Fixtures.load(db.polyref(), in,
                        ProgressPrinter.forTerminal(main.terminal(), err(), "Loading"));
            } catch (FixtureException e) {
                throw new FixtureException(file + ": " + e.getMessage() + "; nothing was loaded", e);
            }
            DumpCommand.printSummary(out(), "Loaded", summary, "from " + Text.printable(file));
        }
        return 0;
    }
}
