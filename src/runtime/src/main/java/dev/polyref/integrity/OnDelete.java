package dev.polyref.integrity;

import dev.polyref.InvalidArgumentException;

/**
 * What PostgreSQL does to the rows of an enforced generic key when the row they point at is deleted: by any
 * {@code DELETE} (from Polyref, jOOQ or {@code psql}), a {@code TRUNCATE} of the target, a dropped target table
 * or a removed content type.
 */
public enum OnDelete {

    /** Delete the referencing rows too (the default, like Django's {@code GenericRelation}). */
    CASCADE("CASCADE"),
    /** Set both columns of the generic key to null (both must be nullable). */
    SET_NULL("SET NULL"),
    /** Reject the delete while a row points at the target (Django's {@code RESTRICT}); never deferred. */
    RESTRICT("RESTRICT"),
    /**
     * Reject the delete if a row still points at the target at the end of the statement, or at commit after
     * {@code SET CONSTRAINTS ... DEFERRED} (the one way it differs from {@link #RESTRICT}).
     */
    NO_ACTION("NO ACTION");

    private final String sql;

    OnDelete(String sql) {
        this.sql = sql;
    }

    /** @return the action as SQL writes it, for example {@code SET NULL} */
    public String sql() {
        return sql;
    }

    /**
     * @param sql an action as SQL writes it, in any case
     * @return the action
     * @throws InvalidArgumentException if it is none of the four
     */
    public static OnDelete ofSql(String sql) {
        for (OnDelete action : values()) {
            if (action.sql.equalsIgnoreCase(sql.trim())) {
                return action;
            }
        }
        throw new InvalidArgumentException("Unknown ON DELETE action '" + sql + "'");
    }
}
