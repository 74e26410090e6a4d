package dev.polyref;

/**
 * A schema does not have the shape Polyref needs: the catalogue is missing or out of sync with the tables,
 * or a generic key is declared on columns that cannot carry one. Raised by code generation and at start-up;
 * the message names the table and column (Django's system checks E001-E004).
 */
public class MalformedDeclarationException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the table, column and what is wrong */
    public MalformedDeclarationException(String message) {
        super(message);
    }

    /**
     * @param message names the table, column and what is wrong
     * @param cause   the underlying failure
     */
    public MalformedDeclarationException(String message, Throwable cause) {
        super(message, cause);
    }
}
