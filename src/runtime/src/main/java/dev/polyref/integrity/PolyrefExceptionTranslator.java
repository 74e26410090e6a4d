package dev.polyref.integrity;

import dev.polyref.DanglingReferenceException;
import dev.polyref.PolyrefException;
import dev.polyref.RestrictedDeleteException;
import dev.polyref.TypeNotAllowedException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;

/**
 * Turns PostgreSQL's rejections of writes that break an enforced generic key into Polyref exceptions: a jOOQ
 * {@link ExecuteListener} to add to a {@link org.jooq.Configuration}, or a static {@link #translate(Throwable)}
 * for errors raised outside jOOQ's execution (a deferred {@code NO ACTION} check failing at commit).
 *
 * <pre>{@code
 * DSLContext dsl = DSL.using(new DefaultConfiguration()
 *         .set(dataSource).set(SQLDialect.POSTGRES)
 *         .set(new PolyrefExceptionTranslator()));
 * dsl.insertInto(ACTIVITY, ...).values(...).execute();   // throws DanglingReferenceException
 * }</pre>
 *
 * <ul>
 *   <li>{@link DanglingReferenceException}: an {@code INSERT} or {@code UPDATE} points at a missing row, or sets
 *       only one of the two columns (SQLState 23503 on a {@code polyref_fk_*} constraint);</li>
 *   <li>{@link TypeNotAllowedException}: its content type is not a target of the key (23514 on
 *       {@code polyref_ck_*});</li>
 *   <li>{@link RestrictedDeleteException}: a delete of a target row is refused by a {@code RESTRICT} or
 *       {@code NO ACTION} key (23503 on {@code polyref_fk_*}; from PostgreSQL 18 on, a {@code RESTRICT} key's
 *       refusal is 23001, {@code restrict_violation}, and a {@code NO ACTION} key's stays 23503).</li>
 * </ul>
 * Every other error passes through unchanged. The original exception is the cause. Stateless and thread-safe.
 */
public final class PolyrefExceptionTranslator implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    static final String FK_PREFIX = "polyref_fk_";
    static final String CHECK_PREFIX = "polyref_ck_";

    /** {@code foreign_key_violation}: a dangling or half-set key, or (every version) a NO ACTION key's refusal. */
    static final String FOREIGN_KEY_VIOLATION = "23503";
    /** {@code restrict_violation}: a RESTRICT key's refused delete, from PostgreSQL 18 on (23503 before). */
    static final String RESTRICT_VIOLATION = "23001";
    static final String CHECK_VIOLATION = "23514";

    // Key (content_type_id, object_id)=(7, 42) is not present in table "object_bigint".
    // A refused delete: "... is still referenced from table" (NO ACTION; RESTRICT before PostgreSQL 18) or
    // "... is referenced from table" (RESTRICT on 18 and later).
    private static final Pattern KEY = Pattern.compile(
            "Key \\((.*?)\\)=\\((.*)\\) is (?:not present in|(?:still )?referenced from) table .*", Pattern.DOTALL);

    @Override
    public void exception(ExecuteContext ctx) {
        RuntimeException exception = ctx.exception();
        Throwable source = exception != null ? exception : ctx.sqlException();
        translate(source).ifPresent(ctx::exception);
    }

    /**
     * @param throwable an exception from jOOQ or JDBC (the PostgreSQL error may be anywhere in its causes)
     * @return the Polyref exception for it, or empty if it is not a generic-key integrity error
     */
    public static Optional<PolyrefException> translate(@Nullable Throwable throwable) {
        return PgError.of(throwable).flatMap(error -> translate(error, throwable));
    }

    private static Optional<PolyrefException> translate(PgError error, @Nullable Throwable cause) {
        String constraint = error.constraint();
        if (constraint == null) {
            return Optional.empty();
        }
        String state = error.sqlState();
        if (state.equals(CHECK_VIOLATION) && constraint.startsWith(CHECK_PREFIX)) {
            return Optional.of(new TypeNotAllowedException(capitalize(error.message()), cause));
        }
        if (!constraint.startsWith(FK_PREFIX)
                || !(state.equals(FOREIGN_KEY_VIOLATION) || state.equals(RESTRICT_VIOLATION))) {
            return Optional.empty();
        }
        String detail = error.detail() == null ? "" : error.detail();
        String table = error.qualifiedTable();
        // 23001 is only ever a refused delete or key change of a referenced row; 23503 is one when its detail
        // says the key is (still) referenced, with or without the key values (they need SELECT rights)
        boolean refusedDelete = state.equals(RESTRICT_VIOLATION) || detail.contains("referenced from");
        if (!refusedDelete && detail.contains("MATCH FULL")) {
            return Optional.of(new DanglingReferenceException("Generic key " + table + " (" + constraint
                    + ") is half set: set both its content type and its object id, or neither", cause));
        }
        // Without SELECT rights on the columns PostgreSQL leaves the key and values out of the detail
        Matcher key = KEY.matcher(detail);
        String values = key.matches() ? key.group(2) : null;
        if (refusedDelete) {
            String[] pair = values == null ? new String[0] : values.split(", ", 2);
            String object = pair.length == 2 ? "object " + pair[1] + " of content type " + pair[0] : "a target row";
            // The key columns in the detail are the registry's; the referencing columns are in the constraint
            return Optional.of(new RestrictedDeleteException("Cannot delete " + object + ": rows of " + table
                    + " still point at it through generic key " + constraint + ", which is ON DELETE RESTRICT or "
                    + "NO ACTION", cause));
        }
        String columns = key.matches() ? "(" + key.group(1) + ")" : "";
        return Optional.of(new DanglingReferenceException("Generic key " + table + columns
                + (values == null ? "" : " = (" + values + ")") + " points at a missing row (constraint "
                + constraint + ")", cause));
    }

    private static String capitalize(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
