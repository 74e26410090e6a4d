package dev.polyref.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * Counts the SQL statements a {@link org.jooq.DSLContext} executes and keeps their SQL, for tests that pin
 * how many statements an operation takes: Django's {@code assertNumQueries}. One JDBC execute call counts
 * once, so a batch or a multi-statement call is one statement (see {@link RoundTrips} for network round trips).
 *
 * <p>A {@link TestDatabase}'s {@link TestDatabase#dsl()} already has one ({@link TestDatabase#counter()});
 * attach your own to any jOOQ configuration:
 *
 * <pre>{@code
 * StatementCounter statements = new StatementCounter();
 * DSLContext dsl = DSL.using(new DefaultConfiguration()
 *         .set(connection).set(SQLDialect.POSTGRES).set(statements));
 *
 * statements.assertStatements(1, () -> registry.get(NaturalKey.of("app", "video")));    // cold cache
 * ContentType video = statements.assertStatements(0, () -> registry.get(Tables.VIDEO)); // cached
 * }</pre>
 *
 * <p>When the count differs, the {@link AssertionFailedError} lists the SQL of every statement that ran. The
 * counter is thread-safe; it counts statements from every thread that uses its configuration.
 */
public final class StatementCounter implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final List<String> statements = new CopyOnWriteArrayList<>();

    /** Creates a counter at zero. */
    public StatementCounter() {}

    @Override
    public void executeStart(ExecuteContext ctx) {
        String sql = ctx.sql();
        if (sql == null && ctx.batchSQL().length > 0) {
            sql = String.join(";\n", ctx.batchSQL());
        }
        statements.add(sql == null ? "<unknown>" : sql);
    }

    /** @return how many statements ran since the last {@link #reset()} */
    public int count() {
        return statements.size();
    }

    /** @return the SQL of each statement since the last {@link #reset()}, in order; never null */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    /** Starts counting from zero. */
    public void reset() {
        statements.clear();
    }

    /**
     * Runs {@code action} and asserts that it executed exactly {@code expected} statements through this
     * counter's configuration. The counter is not reset: statements before the call do not count.
     *
     * @param expected how many statements the action must run
     * @param action   what to run
     * @throws AssertionFailedError if another number ran; its message lists their SQL
     */
    public void assertStatements(int expected, Runnable action) {
        assertStatements(expected, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs {@code action}, asserts that it executed exactly {@code expected} statements, and returns its result.
     *
     * @param expected how many statements the action must run
     * @param action   what to run
     * @param <T>      its result type
     * @return what the action returned
     * @throws AssertionFailedError if another number ran; its message lists their SQL
     */
    public <T extends @Nullable Object> T assertStatements(int expected, Supplier<T> action) {
        int before = statements.size();
        T result = action.get();
        List<String> ran = statements().subList(Math.min(before, statements.size()), statements.size());
        if (ran.size() != expected) {
            throw new AssertionFailedError(message(expected, ran), expected, ran.size());
        }
        return result;
    }

    static String message(int expected, List<String> ran) {
        StringBuilder message = new StringBuilder()
                .append("Expected ").append(expected).append(expected == 1 ? " statement" : " statements")
                .append(" but ").append(ran.size()).append(" ran")
                .append(ran.isEmpty() ? "" : ":");
        for (int i = 0; i < ran.size(); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(ran.get(i));
        }
        return message.toString();
    }
}
