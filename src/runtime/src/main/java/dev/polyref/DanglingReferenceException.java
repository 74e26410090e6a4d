package dev.polyref;

import org.jspecify.annotations.Nullable;

/**
 * A generic key was written that points at no row: its content type has no object with that id, or only one
 * of its two columns is set. Raised (through {@code dev.polyref.integrity.PolyrefExceptionTranslator}) when
 * PostgreSQL rejects an {@code INSERT} or {@code UPDATE} of an enforced generic key. The message names the
 * table, the columns and the values.
 */
public class DanglingReferenceException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the table, columns and values */
    public DanglingReferenceException(String message) {
        super(message);
    }

    /**
     * @param message names the table, columns and values
     * @param cause   the database error
     */
    public DanglingReferenceException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
