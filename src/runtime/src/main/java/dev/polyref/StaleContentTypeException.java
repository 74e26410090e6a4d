package dev.polyref;

/**
 * A content type exists in the catalogue, but its table is unknown to this application or gone from the
 * database (Django: {@code model_class()} returns {@code None}), so no object of it can be loaded.
 */
public class StaleContentTypeException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the content type */
    public StaleContentTypeException(String message) {
        super(message);
    }
}
