package dev.polyref.example;

import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/** Counts the statements a DSLContext executes, so the demo can show what each step cost. */
final class StatementCount implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void executeStart(ExecuteContext ctx) {
        count.incrementAndGet();
    }

    /** @return the statements since the last call, and starts counting again */
    int take() {
        return count.getAndSet(0);
    }
}
