package dev.polyref;

/**
 * A content type was asked for (by id, natural key, table or record) that the catalogue does not have.
 * Usually the catalogue has not been synced since the table was created; see
 * {@code ContentTypeRegistry.sync(String...)}.
 */
public class UnknownContentTypeException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names what was asked for */
    public UnknownContentTypeException(String message) {
        super(message);
    }
}
