package dev.polyref.check;

import java.util.List;
import org.jooq.DSLContext;

/**
 * One independent check of a database (a Django system check). Checks only read; each reports its own
 * problems, so adding one never changes what another finds.
 *
 * <pre>{@code
 * for (Check check : Checks.defaults()) {
 *     for (Problem problem : check.run(dsl)) {
 *         // generic-key-indexes: example.note: no index on (content_type_id, object_id), ...
 *         System.out.println(problem);
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Check {

    /** @return a short stable name, such as {@code stale-content-types}, that prefixes every problem */
    String name();

    /** @return what the check looks for, in one line */
    String description();

    /**
     * Runs the check.
     *
     * @param dsl the database; Polyref's schema must be in it
     * @return the problems found, empty when none
     */
    List<Problem> run(DSLContext dsl);
}
