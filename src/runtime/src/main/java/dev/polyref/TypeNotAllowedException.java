package dev.polyref;

import org.jspecify.annotations.Nullable;

/**
 * A generic key was pointed at a content type that is not one of its allowed targets: by Polyref before writing
 * (a record of another table), or by the database when integrity is enforced. The message names the table,
 * the columns, the value and the allowed types; nothing is written.
 */
public class TypeNotAllowedException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the table, columns, value and allowed types */
    public TypeNotAllowedException(String message) {
        super(message);
    }

    /**
     * @param message names the table, columns, value and allowed types
     * @param cause   the underlying failure, such as the database error
     */
    public TypeNotAllowedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
