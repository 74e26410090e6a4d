package dev.polyref;

/**
 * A record of one table was given where a generic relation expects a record of another: a child that is not a
 * row of the relation's generic-key table, or a parent that is not a row of its parent table (Django:
 * "'TaggedItem' instance expected, got &lt;Animal: Lion&gt;"). Only reachable through raw or unchecked types.
 * The message names both tables. Nothing is written.
 */
public class WrongTableException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the expected and the given table */
    public WrongTableException(String message) {
        super(message);
    }
}
