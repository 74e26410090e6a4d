package dev.polyref.cli;

import dev.polyref.fixtures.FixtureException;
import dev.polyref.fixtures.FixtureSummary;
import dev.polyref.fixtures.Fixtures;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code polyref load}: Django's loaddata. */
@Command(name = "load", description = {"Load a JSON fixture written by 'polyref dump', in one transaction: every "
        + "row or, on any error, nothing.", "Content types are looked up by natural key in this database's "
        + "catalogue; rows whose primary key exists are replaced."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The fixture to load.")
    Path file;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (Database db = connection.open(); Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            FixtureSummary summary;
            try {
                summary = Fixtures.load(db.polyref(), in,
                        ProgressPrinter.forTerminal(main.terminal(), spec.commandLine().getErr(), "Loading"));
            } catch (FixtureException e) {
                throw new FixtureException(file + ": " + e.getMessage() + "; nothing was loaded", e);
            }
            DumpCommand.printSummary(spec.commandLine().getOut(), "Loaded", summary, "from " + file);
        }
        return 0;
    }
}
