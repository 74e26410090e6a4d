package dev.polyref;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Polyref throws. Unchecked, like jOOQ's {@code DataAccessException}:
 * catch this type to handle any Polyref error, or a subtype for one cause.
 *
 * <p>jOOQ's own exceptions (for example {@code TooManyRowsException}) pass through unwrapped.
 * Messages name the table, column and value involved.
 */
public class PolyrefException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was asked and what was found */
    public PolyrefException(String message) {
        super(message);
    }

    /**
     * @param message what was asked and what was found
     * @param cause   the underlying failure, if any
     */
    public PolyrefException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
