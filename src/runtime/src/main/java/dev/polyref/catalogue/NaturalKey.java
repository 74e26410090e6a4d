package dev.polyref.catalogue;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.UnknownContentTypeException;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.impl.QOM;
import org.jooq.impl.TableImpl;

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
     * The natural key of a schema-qualified jOOQ table, such as a generated {@code Tables.VIDEO}, or of an alias of
     * one ({@code VIDEO.as("v")} is {@code example.video}, as it is to jOOQ).
     *
     * @param table a table whose qualified name is {@code schema.table}, or an alias of one
     * @return its natural key
     * @throws UnknownContentTypeException if the table is not schema-qualified
     */
    public static NaturalKey of(Table<?> table) {
        table = unaliased(requireNonNull(table, "table"));
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

    /**
     * The table an alias stands for, through any number of aliases. An alias of a plain table is a
     * {@code QOM.TableAlias}, whose {@code $table()} is the table. An alias of a generated table is an instance of
     * the generated class without a schema, and jOOQ 3.19 offers no public way back to the table; but its records
     * are the generated record class, whose constructor names the generated table itself, so a new detached record
     * (no statement) tells.
     */
    private static Table<?> unaliased(Table<?> table) {
        for (int depth = 0; depth < 16; depth++) {
            Table<?> inner = null;
            if (table instanceof QOM.TableAlias<?> alias) {
                inner = alias.$table();
            } else if (table instanceof TableImpl<?> && table.getSchema() == null
                    && TableRecord.class.isAssignableFrom(table.getRecordType())) {
                inner = generatedTable(table);
            }
            if (inner == null || inner == table) {
                return table;
            }
            table = inner;
        }
        return table;
    }

    private static Table<?> generatedTable(Table<?> alias) {
        try {
            return ((TableRecord<?>) alias.newRecord()).getTable();
        } catch (RuntimeException notGenerated) {
            return alias;   // a hand-written TableImpl whose record class cannot be made: use its own name
        }
    }

    /** @return {@code app_label.model}, for messages */
    @Override
    public String toString() {
        return appLabel + "." + model;
    }
}
