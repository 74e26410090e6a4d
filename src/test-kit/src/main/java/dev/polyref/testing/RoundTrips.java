package dev.polyref.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * Counts network round trips to PostgreSQL, which a {@link StatementCounter} cannot see: one JDBC call may
 * carry several statements (a batch, a multi-statement string), and one statement may take several round
 * trips. pgjdbc ends every round trip with a Sync message, which the server answers with ReadyForQuery, and
 * logs each one it sends at FINEST ({@code " FE=> Sync"}); this listens to that log while an action runs, so it
 * counts what goes over the wire.
 *
 * <pre>{@code
 * RoundTrips.assertRoundTrips(1, () -> resolver.withOneRoundTrip(true).prefetch(key, feed));
 * int trips = RoundTrips.count(() -> dsl.batch(inserts).execute());
 * }</pre>
 *
 * <p>It counts the round trips of every connection of this JVM while the action runs, so run nothing else
 * against PostgreSQL meanwhile.
 */
public final class RoundTrips {

    private static final Logger PROTOCOL = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private RoundTrips() {}

    /**
     * @param action what to run
     * @param <T>    its result type
     * @return the round trips the action made (on any connection of this JVM)
     */
    public static <T extends @Nullable Object> int count(Supplier<T> action) {
        AtomicInteger syncs = new AtomicInteger();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("FE=> Sync")) {
                    syncs.incrementAndGet();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        handler.setLevel(Level.ALL);
        Level previous = PROTOCOL.getLevel();
        PROTOCOL.setLevel(Level.FINEST);
        PROTOCOL.addHandler(handler);
        try {
            action.get();
        } finally {
            PROTOCOL.removeHandler(handler);
            PROTOCOL.setLevel(previous);
        }
        return syncs.get();
    }

    /**
     * @param action what to run
     * @return the round trips the action made (on any connection of this JVM)
     */
    public static int count(Runnable action) {
        return count(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs {@code action} and asserts that it made exactly {@code expected} round trips to PostgreSQL.
     *
     * @param expected how many round trips the action must make
     * @param action   what to run
     * @throws AssertionFailedError if it made another number
     */
    public static void assertRoundTrips(int expected, Runnable action) {
        int actual = count(action);
        if (actual != expected) {
            throw new AssertionFailedError("Expected " + expected + (expected == 1 ? " round trip" : " round trips")
                    + " to PostgreSQL but " + actual + " happened", expected, actual);
        }
    }
}
