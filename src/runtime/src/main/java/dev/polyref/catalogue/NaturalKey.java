package dev.polyref.catalogue;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.UnknownContentTypeException;
import org.jooq.Table;

/**
 * The natural key of a content type: {@code (app_label, model)}, that is (schema, table). Unlike a content
 * type's id it is the same in every database, so fixtures and other databases refer to content types by it.
 *
 * <pre>{@code
 * NaturalKey key = NaturalKey.of("example", "video");
 * ContentType video = registry.get(key);
 * }</pre>
 *
 * @param appLabel the schema name, as stored in {@code polyref.content_type.app_label}
 * @param model    the table name, as stored in {@code polyref.content_type.model}
 */
public record NaturalKey(String appLabel, String model) {

    /** Validates both parts. */
    public NaturalKey {
        requireNonNull(appLabel, "appLabel");
        requireNonNull(model, "model");
    }

    /**
     * @param appLabel the schema name
     * @param model    the table name
     * @return the natural key
     */
    public static NaturalKey of(String appLabel, String model) {
        return new NaturalKey(appLabel, model);
    }

    /**
     * The natural key of a schema-qualified jOOQ table, such as a generated {@code Tables.VIDEO}.
     *
     * @param table a table whose qualified name is {@code schema.table}
     * @return its natural key
     * @throws UnknownContentTypeException if the table is not schema-qualified
     */
    public static NaturalKey of(Table<?> table) {
        requireNonNull(table, "table");
        // Generated tables carry the schema separately from their (unqualified) name
        if (table.getSchema() != null && !table.getSchema().getName().isEmpty()) {
            return new NaturalKey(table.getSchema().getName(), table.getName());
        }
        String[] parts = table.getQualifiedName().getName();
        if (parts.length < 2) {
            throw new UnknownContentTypeException("Table " + table.getQualifiedName()
                    + " is not schema-qualified; Polyref identifies tables by (schema, table)");
        }
        return new NaturalKey(parts[parts.length - 2], parts[parts.length - 1]);
    }

    /** @return {@code app_label.model}, for messages */
    @Override
    public String toString() {
        return appLabel + "." + model;
    }
}
