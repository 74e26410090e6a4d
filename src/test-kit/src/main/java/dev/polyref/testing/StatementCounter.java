package dev.polyref.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Counts the SQL statements a {@link org.jooq.DSLContext} executes (one per JDBC execute call, so a batch or
 * a multi-statement call counts once), and keeps their SQL for assertion messages.
 */
public final class StatementCounter implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final List<String> statements = new CopyOnWriteArrayList<>();

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

    /** @return the SQL of each statement since the last {@link #reset()} */
    public List<String> statements() {
        return List.copyOf(statements);
    }

    /** Starts counting from zero. */
    public void reset() {
        statements.clear();
    }
}
