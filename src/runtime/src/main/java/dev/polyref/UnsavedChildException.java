package dev.polyref;

/**
 * A generic relation was asked to add or remove a child record that has no primary key yet (Django: "instance
 * isn't saved. Use bulk=False or save the object first."). Store the child first, or create it through the
 * relation. The message names the relation and the child's table and key column. Nothing is written.
 */
public class UnsavedChildException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the relation and the unsaved child's table and key column */
    public UnsavedChildException(String message) {
        super(message);
    }
}
