package dev.polyref;

import org.jspecify.annotations.Nullable;

/**
 * A Polyref method was given {@code null} where it needs a value. The message names the parameter.
 */
public class NullArgumentException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param parameter the name of the parameter that was null */
    public NullArgumentException(String parameter) {
        super("Argument '" + parameter + "' must not be null");
    }

    /**
     * Returns {@code value}, or throws if it is null: {@code this.table = requireNonNull(table, "table")}.
     *
     * @param value     the argument
     * @param parameter its name, for the message
     * @param <T>       its type
     * @return the argument
     * @throws NullArgumentException if {@code value} is null
     */
    public static <T> T requireNonNull(@Nullable T value, String parameter) {
        if (value == null) {
            throw new NullArgumentException(parameter);
        }
        return value;
    }
}
