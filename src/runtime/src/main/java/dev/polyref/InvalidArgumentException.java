package dev.polyref;

/**
 * A Polyref method was given a value it cannot work with: a chunk size below 1, two customisations for one
 * content type, a foreign key that was not prefetched. The message names the argument and the value.
 */
public class InvalidArgumentException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the argument, the value and what was expected */
    public InvalidArgumentException(String message) {
        super(message);
    }
}
