package dev.polyref.check;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.ContentTypeColumn;

/**
 * The two columns of a generic key, Django's {@code GenericForeignKey(ct_field, fk_field)}: a content-type column
 * and the object-id column of the same table.
 *
 * @param contentTypeColumn the column with the foreign key to {@code polyref.content_type (id)}
 * @param objectIdColumn    the column of the same table that holds the target's primary key
 */
public record GenericKeyPair(ContentTypeColumn contentTypeColumn, String objectIdColumn) {

    /** Validates the fields. */
    public GenericKeyPair {
        requireNonNull(contentTypeColumn, "contentTypeColumn");
        requireNonNull(objectIdColumn, "objectIdColumn");
    }

    /** @return {@code schema.table (content_type_column, object_id_column)} */
    @Override
    public String toString() {
        return contentTypeColumn.qualifiedTable() + " (" + contentTypeColumn.column() + ", " + objectIdColumn + ")";
    }
}
