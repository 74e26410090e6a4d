package dev.polyref.integrity;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.catalogue.NaturalKey;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * The two columns of a generic key: {@code (content_type_id, object_id)} of a table, under any names.
 *
 * <pre>{@code
 * GenericKeyColumns tags = GenericKeyColumns.of(TAGGED_ITEM.CONTENT_TYPE_ID, TAGGED_ITEM.OBJECT_ID);
 * GenericKeyColumns subject = GenericKeyColumns.of(COMMENT, "subject_type_id", "subject_id");
 * }</pre>
 *
 * @param table             the referencing table, schema-qualified (generated tables are)
 * @param contentTypeColumn the column holding {@code polyref.content_type.id}
 * @param objectIdColumn    the column holding the target's primary key (bigint, text or uuid)
 */
public record GenericKeyColumns(Table<?> table, String contentTypeColumn, String objectIdColumn) {

    /** Validates the fields. */
    public GenericKeyColumns {
        requireNonNull(table, "table");
        requireNonNull(contentTypeColumn, "contentTypeColumn");
        requireNonNull(objectIdColumn, "objectIdColumn");
    }

    /**
     * @param table             the referencing table
     * @param contentTypeColumn the content-type column's name
     * @param objectIdColumn    the object-id column's name
     * @return the key
     */
    public static GenericKeyColumns of(Table<?> table, String contentTypeColumn, String objectIdColumn) {
        return new GenericKeyColumns(table, contentTypeColumn, objectIdColumn);
    }

    /**
     * @param contentType the content-type column of a generated table
     * @param objectId    the object-id column of the same table
     * @return the key
     * @throws MalformedDeclarationException if the two fields belong to different tables
     */
    public static GenericKeyColumns of(TableField<?, ?> contentType, TableField<?, ?> objectId) {
        requireNonNull(contentType, "contentType");
        requireNonNull(objectId, "objectId");
        if (!contentType.getTable().equals(objectId.getTable())) {
            throw new MalformedDeclarationException("A generic key's columns must be of one table, got "
                    + contentType.getQualifiedName() + " and " + objectId.getQualifiedName());
        }
        return new GenericKeyColumns(contentType.getTable(), contentType.getName(), objectId.getName());
    }

    /** @return {@code schema.table(content_type_column, object_id_column)}, for messages */
    @Override
    public String toString() {
        return NaturalKey.of(table) + "(" + contentTypeColumn + ", " + objectIdColumn + ")";
    }
}
