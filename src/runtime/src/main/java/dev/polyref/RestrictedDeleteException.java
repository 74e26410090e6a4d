package dev.polyref;

import org.jspecify.annotations.Nullable;

/**
 * A row could not be deleted (or its table dropped, or its content type removed) because an enforced generic
 * key declared {@code ON DELETE RESTRICT} or {@code NO ACTION} still points at it (Django's
 * {@code RestrictedError}). The message names the referencing table, the columns and the values.
 */
public class RestrictedDeleteException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the referencing table, columns and values */
    public RestrictedDeleteException(String message) {
        super(message);
    }

    /**
     * @param message names the referencing table, columns and values
     * @param cause   the database error
     */
    public RestrictedDeleteException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
