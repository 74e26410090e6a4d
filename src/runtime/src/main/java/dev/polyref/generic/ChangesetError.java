package dev.polyref.generic;

import org.jspecify.annotations.Nullable;

/**
 * One reason a {@link Changeset} is refused: which row, which column, why. Django's form errors (by form and
 * field) and formset non-form errors, as one flat value a web page can place next to the input it concerns.
 *
 * <pre>{@code
 * for (ChangesetError e : changeset.validate()) {
 *     switch (e.row()) {
 *         case ADDED -> showAt("new-" + e.index(), e.field(), e.message());     // the index-th add(...)
 *         case CHANGED, DELETED -> showAt("row-" + e.key(), e.field(), e.message());
 *         case SET -> showAtTop(e.message());                                   // min/max children
 *     }
 * }
 * }</pre>
 *
 * @param row     which kind of row the error is about
 * @param index   for {@link Row#ADDED}, the position among the changeset's additions (0 for the first
 *                {@code add}); -1 otherwise
 * @param key     for {@link Row#CHANGED} and {@link Row#DELETED}, the child's primary-key value; null otherwise
 * @param field   the column's name ({@code "name"}), or null for an error about the whole row or set
 * @param code    the kind of error, for programs
 * @param message for people: names the table, the column and the value
 */
public record ChangesetError(Row row, int index, @Nullable Object key, @Nullable String field, Code code,
        String message) {

    /** Which row an error is about. */
    public enum Row {
        /** a child the changeset adds */
        ADDED,
        /** a stored child the changeset changes */
        CHANGED,
        /** a stored child the changeset deletes */
        DELETED,
        /** the set of children as a whole (their number) */
        SET
    }

    /** What is wrong. */
    public enum Code {
        /** a NOT NULL column without a default is null (Django: "This field is required.") */
        REQUIRED,
        /** a text value is longer than its {@code varchar(n)} column allows */
        TOO_LONG,
        /** the caller's {@link Changeset.Validator} refused the row */
        INVALID,
        /** fewer children than {@link Changeset#minChildren(int)} would remain (Django's validate_min) */
        TOO_FEW,
        /** more children than {@link Changeset#maxChildren(int)} would remain (Django's validate_max) */
        TOO_MANY,
        /** two children would have equal values in the columns of {@link Changeset#unique} */
        DUPLICATE,
        /** the row was changed by someone else since the changeset read it (its version or a value differs) */
        CHANGED_SINCE_READ,
        /** the row was deleted, or moved to another parent, since the changeset read it */
        DELETED_SINCE_READ,
        /** the row named by a change or deletion was not among the parent's children when the changeset read them */
        NOT_A_CHILD;

        /** @return whether this is a conflict with a concurrent editor rather than bad input */
        public boolean isConcurrency() {
            return this == CHANGED_SINCE_READ || this == DELETED_SINCE_READ;
        }
    }
}
