package dev.polyref.check;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.ContentTypeColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Where checks learn which columns form generic keys: the extension point between a content-type column and its
 * object-id column. {@link #byNamingConvention()} pairs them by name; a finder that reads generic-key declarations
 * can replace it without touching the checks.
 *
 * <pre>{@code
 * Check indexes = Checks.genericKeyIndexes(GenericKeyFinder.byNamingConvention());
 * }</pre>
 */
@FunctionalInterface
public interface GenericKeyFinder {

    /**
     * @param dsl the database
     * @return the generic keys of the database
     */
    List<GenericKeyColumns> find(DSLContext dsl);

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
            List<GenericKeyColumns> keys = new ArrayList<>();
            for (ContentTypeColumn column : ContentTypeColumn.findAll(requireNonNull(dsl, "dsl"))) {
                Set<String> columns = new HashSet<>(dsl.resultQuery("""
                        select attname from pg_catalog.pg_attribute
                        where attrelid = to_regclass(format('%I.%I', {0}, {1})) and attnum > 0 and not attisdropped
                        """, column.schema(), column.table()).fetch(0, String.class));
                objectIdCandidates(column.column()).stream().filter(columns::contains).findFirst()
                        .ifPresent(objectId -> keys.add(new GenericKeyColumns(column, objectId)));
            }
            return List.copyOf(keys);
        };
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
