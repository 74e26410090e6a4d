package dev.polyref.catalogue.internal;

import static dev.polyref.NullArgumentException.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A column that holds content-type ids: it has a foreign key to {@code polyref.content_type (id)}. Every
 * generic key has one (Django's {@code content_type} field), and so do tables such as Django's
 * {@code auth_permission} that refer to a content type without an object.
 *
 * <p>Found in {@code pg_catalog}, so it needs no declaration and no generated code:
 *
 * <pre>{@code
 * for (ContentTypeColumn column : ContentTypeColumn.findAll(dsl)) {
 *     column.qualifiedName();   // "example.tagged_item.content_type_id"
 * }
 * }</pre>
 *
 * <p>A partition is not listed separately: its partitioned table stands for it. Polyref's own tables are left out:
 * the integrity registry follows the catalogue by cascading foreign keys, and a generic key's allowed target
 * ({@code polyref.generic_key_target}) refuses the removal of its content type until the key is redeclared.
 *
 * @param schema the schema of the referencing table
 * @param table  the referencing table
 * @param column the column with the foreign key
 */
public record ContentTypeColumn(String schema, String table, String column) {

    // Built-ins are schema-qualified and mixed-type comparisons use pg_catalog's operator: otherwise a function or
    // operator with a closer type match in any schema on the caller's search_path would run instead (see
    // CatalogueTable.text). conkey is smallint[], confrelid and conparentid are oid.
    private static final String FIND_ALL = """
            select distinct n.nspname, c.relname, a.attname
            from pg_catalog.pg_constraint k
            join pg_catalog.pg_class c on c.oid = k.conrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
            where k.contype = 'f'
              and k.confrelid operator(pg_catalog.=) 'polyref.content_type'::pg_catalog.regclass
              and pg_catalog.cardinality(k.conkey) = 1
              and k.conparentid operator(pg_catalog.=) 0
              and n.nspname <> 'polyref'
            order by 1, 2, 3
            """;

    /** Validates the fields. */
    public ContentTypeColumn {
        requireNonNull(schema, "schema");
        requireNonNull(table, "table");
        requireNonNull(column, "column");
    }

    /**
     * Every column of the database with a single-column foreign key to {@code polyref.content_type (id)}.
     *
     * @param dsl the database
     * @return the columns, ordered by schema, table and column
     */
    public static List<ContentTypeColumn> findAll(DSLContext dsl) {
        // Typed result columns, so that jOOQ does not ask pgjdbc which table each column comes from: pgjdbc looks
        // that up with SQL of its own, which compares oid with integer through the caller's search_path
        return requireNonNull(dsl, "dsl").resultQuery(FIND_ALL)
                .coerce(field(name("nspname"), String.class), field(name("relname"), String.class),
                        field(name("attname"), String.class))
                .fetch(r -> new ContentTypeColumn(r.value1(), r.value2(), r.value3()));
    }

    /** @return the referencing table as a jOOQ table, {@code "schema"."table"} */
    public Table<?> jooqTable() {
        return DSL.table(DSL.name(schema, table));
    }

    /** @return {@code schema.table}, unquoted, for messages */
    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** @return {@code schema.table.column}, unquoted, for messages */
    public String qualifiedName() {
        return qualifiedTable() + "." + column;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
