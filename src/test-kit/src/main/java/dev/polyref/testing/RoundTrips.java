package dev.polyref.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts network round trips to PostgreSQL: pgjdbc ends every round trip with a Sync message, which the server
 * answers with ReadyForQuery, and logs each one it sends at FINEST ({@code " FE=> Sync"}). This listens to that
 * log while an action runs, so it counts what goes over the wire, not JDBC calls.
 */
public final class RoundTrips {

    private static final Logger PROTOCOL = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private RoundTrips() {}

    /**
     * @param action what to run
     * @param <T>    its result type
     * @return the round trips the action made (on any connection of this JVM)
     */
    public static <T> int count(Supplier<T> action) {
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
}
