package dev.polyref;

/**
 * A generic key was pointed at a record that has no primary key yet (Django: "save() prohibited to prevent data
 * loss due to unsaved related object"). Store the record first. The message names the key and the record's table.
 * Nothing is written.
 */
public class UnsavedTargetException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /** @param message names the key's table and columns and the unsaved record's table */
    public UnsavedTargetException(String message) {
        super(message);
    }
}
