package dev.polyref.check.internal;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.internal.ContentTypeColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * Where the index check learns which columns form generic keys. {@link #declared()} reads the declarations
 * ({@code polyref.declare_generic_key}), {@link #byNamingConvention()} pairs undeclared columns by name (Django
 * projects ported without declarations), {@link #declaredOrNamed()} (the default) both. Internal: a declared key
 * is a {@link dev.polyref.generic.GenericKey}; this only sees column pairs, some of them never declared.
 *
 * <pre>{@code
 * Check indexes = new GenericKeyIndexCheck(GenericKeyFinder.byNamingConvention());
 * }</pre>
 */
@FunctionalInterface
public interface GenericKeyFinder {

    /**
     * The two columns of a generic key, declared or paired by name.
     *
     * @param contentTypeColumn the column with the foreign key to {@code polyref.content_type (id)}
     * @param objectIdColumn    the column of the same table that holds the target's primary key
     */
    record Columns(ContentTypeColumn contentTypeColumn, String objectIdColumn) {

        /** Validates the fields. */
        public Columns {
            requireNonNull(contentTypeColumn, "contentTypeColumn");
            requireNonNull(objectIdColumn, "objectIdColumn");
        }

        /** @return {@code schema.table (content_type_column, object_id_column)} */
        @Override
        public String toString() {
            return contentTypeColumn.qualifiedTable() + " (" + contentTypeColumn.column() + ", " + objectIdColumn
                    + ")";
        }
    }

    /**
     * @param dsl the database
     * @return the generic keys' column pairs
     */
    List<Columns> find(DSLContext dsl);

    /**
     * Pairs each column with a foreign key to {@code polyref.content_type} with an object-id column of its table,
     * chosen by name:
     * <ul>
     *   <li>{@code content_type_id} or {@code content_type} with {@code object_id} (Django's defaults);</li>
     *   <li>{@code <p>_content_type_id}, {@code <p>_content_type}, {@code <p>_type_id} or {@code <p>_type} with
     *       {@code <p>_object_id} or else {@code <p>_id} (as in {@code subject_type_id, subject_id}).</li>
     * </ul>
     * A content-type column with no such partner (Django's {@code auth_permission.content_type_id}) is not a
     * generic key and is left out.
     *
     * @return the finder; stateless and thread-safe
     */
    static GenericKeyFinder byNamingConvention() {
        return dsl -> {
            List<Columns> keys = new ArrayList<>();
            for (ContentTypeColumn column : ContentTypeColumn.findAll(requireNonNull(dsl, "dsl"))) {
                Set<String> columns = new HashSet<>(dsl.resultQuery("""
                        select attname from pg_catalog.pg_attribute
                        where attrelid operator(pg_catalog.=)
                                  pg_catalog.to_regclass(pg_catalog.format('%I.%I', {0}, {1}))
                          and attnum > 0 and not attisdropped
                        """, column.schema(), column.table()).coerce(column("attname")).fetch(Record1::value1));
                objectIdCandidates(column.column()).stream().filter(columns::contains).findFirst()
                        .ifPresent(objectId -> keys.add(new Columns(column, objectId)));
            }
            return List.copyOf(keys);
        };
    }

    /**
     * The declared generic keys ({@code polyref.generic_keys()}).
     *
     * @return the finder; stateless and thread-safe
     */
    static GenericKeyFinder declared() {
        return dsl -> List.copyOf(requireNonNull(dsl, "dsl").resultQuery("""
                        select table_schema, table_name, ct_column, id_column from polyref.generic_keys()
                        order by 1, 2, 3""")
                .coerce(column("table_schema"), column("table_name"), column("ct_column"), column("id_column"))
                .fetch(r -> new Columns(new ContentTypeColumn(r.value1(), r.value2(), r.value3()),
                        r.value4())));
    }

    /**
     * The declared generic keys, then the undeclared ones found {@linkplain #byNamingConvention() by name}.
     *
     * @return the finder; stateless and thread-safe
     */
    static GenericKeyFinder declaredOrNamed() {
        return dsl -> {
            Set<Columns> keys = new LinkedHashSet<>(declared().find(dsl));
            Set<ContentTypeColumn> declaredColumns = new HashSet<>();
            keys.forEach(k -> declaredColumns.add(k.contentTypeColumn()));
            byNamingConvention().find(dsl).stream().filter(k -> !declaredColumns.contains(k.contentTypeColumn()))
                    .forEach(keys::add);
            return List.copyOf(keys);
        };
    }

    /**
     * A result column of the finders' plain SQL as a typed field. Given the result's fields ({@code coerce}), jOOQ
     * does not ask pgjdbc which table each column comes from: pgjdbc looks that up with SQL of its own that
     * compares oid with integer, an operator that a schema on the caller's search_path could shadow.
     */
    private static Field<String> column(String name) {
        return DSL.field(DSL.name(name), String.class);
    }

    /** The names {@link #byNamingConvention()} tries for a content-type column, in order. */
    private static List<String> objectIdCandidates(String contentTypeColumn) {
        for (String suffix : List.of("content_type_id", "content_type", "type_id", "type")) {
            Optional<String> prefix = contentTypeColumn.equals(suffix) ? Optional.of("")
                    : contentTypeColumn.endsWith("_" + suffix)
                    ? Optional.of(contentTypeColumn.substring(0, contentTypeColumn.length() - suffix.length()))
                    : Optional.empty();
            if (prefix.isPresent()) {
                // A bare "id" is the table's own key, never an object id
                return prefix.get().isEmpty() ? List.of("object_id") : List.of(prefix.get() + "object_id",
                        prefix.get() + "id");
            }
        }
        return List.of();
    }
}
