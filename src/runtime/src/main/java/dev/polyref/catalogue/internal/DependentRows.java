package dev.polyref.catalogue.internal;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.InvalidArgumentException;

/**
 * How many rows of one referencing table point at a content type through one column: the rows that go when
 * the content type goes (Django's "N objects" in {@code remove_stale_contenttypes}).
 *
 * @param column the referencing column
 * @param rows   how many of its rows hold the content type's id; at least 1
 */
public record DependentRows(ContentTypeColumn column, long rows) {

    /** Validates the fields. */
    public DependentRows {
        requireNonNull(column, "column");
        if (rows < 1) {
            throw new InvalidArgumentException("rows must be positive, got " + rows);
        }
    }

    /** @return {@code N row(s) in schema.table (column)}, for messages */
    @Override
    public String toString() {
        return rows + (rows == 1 ? " row in " : " rows in ") + column.qualifiedTable() + " (" + column.column() + ")";
    }
}
