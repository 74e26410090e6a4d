package dev.polyref;

/**
 * A generic key was pointed at a record whose table is not among the key's allowed targets
 * ({@code p_allowed_targets} of {@code polyref.declare_generic_key}). The message names the key's table and
 * columns, the record's table and the allowed tables. Nothing is written.
 */
public class TypeNotAllowedException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the key, the record's table and the allowed tables */
    public TypeNotAllowedException(String message) {
        super(message);
    }
}
