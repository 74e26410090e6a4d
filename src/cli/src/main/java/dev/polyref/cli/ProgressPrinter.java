package dev.polyref.cli;

import dev.polyref.fixtures.FixtureListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Shows fixture progress on a terminal: one line per table on standard error, rewritten in place. */
final class ProgressPrinter implements FixtureListener {

    private static final long REFRESH_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String verb;
    private long lastPrint;

    /** @param verb what is happening, such as "Dumping" */
    ProgressPrinter(PrintWriter err, String verb) {
        this.err = err;
        this.verb = verb;
    }

    /** @return a printer on a terminal, else a listener that does nothing */
    static FixtureListener forTerminal(boolean terminal, PrintWriter err, String verb) {
        return terminal ? new ProgressPrinter(err, verb) : FixtureListener.none();
    }

    @Override
    public void rows(String table, long rows, boolean done) {
        long now = System.nanoTime();
        if (!done && now - lastPrint < REFRESH_NANOS) {
            return;
        }
        lastPrint = now;
        err.printf(Locale.ROOT, "\r%s %s: %s%s", verb, Text.printable(table), Text.plural(rows, "row"), done ? "\n" : "");
        err.flush();
    }
}
