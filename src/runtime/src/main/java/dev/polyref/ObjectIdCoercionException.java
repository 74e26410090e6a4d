package dev.polyref;

/**
 * An object id cannot be converted between the object-id column's type and the target's primary-key type,
 * for example the text {@code 'abc'} read for a bigint key, or a uuid key written into a bigint column.
 * Polyref never guesses: the whole operation fails (like Django's prefetch) rather than matching a wrong row.
 * The message names the table, column and value.
 */
public class ObjectIdCoercionException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the column, the value and the type it could not become */
    public ObjectIdCoercionException(String message) {
        super(message);
    }
}
