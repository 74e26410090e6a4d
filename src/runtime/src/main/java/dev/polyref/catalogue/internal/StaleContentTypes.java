package dev.polyref.catalogue.internal;

import static dev.polyref.NullArgumentException.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import dev.polyref.catalogue.ContentType;
import dev.polyref.PolyrefException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Django's {@code remove_stale_contenttypes}: catalogue rows whose table is gone, what depends on them, and
 * their removal.
 *
 * <pre>{@code
 * List<StaleContentType> stale = StaleContentTypes.report(dsl);
 * for (StaleContentType s : stale) {
 *     // example.old (id 12): [3 rows in example.tagged_item (content_type_id)]
 *     System.out.println(s.contentType() + ": " + s.dependents());
 * }
 * StaleContentTypes.remove(dsl, stale.stream().map(StaleContentType::contentType).toList());
 * }</pre>
 *
 * <p>The rows that depend on a content type are found through every column with a foreign key to
 * {@code polyref.content_type (id)} ({@link ContentTypeColumn#findAll(DSLContext)}), whatever that foreign
 * key's {@code ON DELETE} action. Removal deletes them, then the content types, in one transaction: it either
 * removes everything or, if anything fails (for example a row that another foreign key still needs), nothing.
 * Registries over the same database keep stale rows in their cache until
 * {@link dev.polyref.catalogue.ContentTypeRegistry#clearCache()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class StaleContentTypes {

    private StaleContentTypes() {}

    /**
     * The stale content types and, for each, how many rows of each referencing table refer to it.
     * Costs one statement for the catalogue, one for the referencing columns and one per referencing column.
     *
     * @param dsl the database
     * @return the stale content types ordered by (app_label, model); empty when there are none
     */
    public static List<StaleContentType> report(DSLContext dsl) {
        List<ContentType> stale = CatalogueSql.stale(requireNonNull(dsl, "dsl"));
        if (stale.isEmpty()) {
            return List.of();
        }
        return withDependents(dsl, stale, "select {0}, pg_catalog.count(*) from {1} "
                + "where {0} operator(pg_catalog.=) any ({2}) group by {0}");
    }

    /**
     * Removes the given content types and every row that refers to them, in one transaction, after locking
     * them and checking that each is still stale. Content types already gone from the catalogue are skipped.
     *
     * @param dsl          the database
     * @param contentTypes stale content types, usually from {@link #report(DSLContext)}
     * @return what was removed: each content type with the rows deleted per referencing column
     * @throws PolyrefException naming a content type whose table exists (again): then nothing is removed
     * @throws org.jooq.exception.DataAccessException if a delete fails; then nothing is removed
     */
    public static List<StaleContentType> remove(DSLContext dsl, Collection<ContentType> contentTypes) {
        requireNonNull(dsl, "dsl");
        List<Integer> ids = requireNonNull(contentTypes, "contentTypes").stream()
                .map(ct -> requireNonNull(ct, "contentTypes[]").id()).distinct().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return dsl.transactionResult(tx -> removeLocked(tx.dsl(), ids));
    }

    /**
     * Removes every stale content type and the rows that refer to them, in one transaction.
     *
     * @param dsl the database
     * @return what was removed; empty when nothing was stale
     */
    public static List<StaleContentType> removeAll(DSLContext dsl) {
        requireNonNull(dsl, "dsl");
        return dsl.transactionResult(tx -> {
            List<Integer> ids = CatalogueSql.stale(tx.dsl()).stream().map(ContentType::id).toList();
            return ids.isEmpty() ? List.<StaleContentType>of() : removeLocked(tx.dsl(), ids);
        });
    }

    private static List<StaleContentType> removeLocked(DSLContext tx, List<Integer> ids) {
        Integer[] idArray = ids.toArray(Integer[]::new);
        // Lock first, so no new reference to these rows can commit while we delete
        List<ContentType> locked = tx.resultQuery(
                "select id, app_label, model, polyref.content_type_name(content_type.label, content_type.relation, "
                        + "content_type.model), proxy_for "
                        + "from polyref.content_type where id operator(pg_catalog.=) any ({0}) "
                        + "order by app_label, model for update", val(idArray))
                .coerce(CatalogueTable.ID, CatalogueTable.APP_LABEL, CatalogueTable.MODEL, CatalogueTable.NAME,
                        CatalogueTable.PROXY_FOR)
                .fetch(CatalogueTable::toContentType);
        Set<Integer> stale = CatalogueSql.stale(tx).stream().map(ContentType::id).collect(Collectors.toSet());
        List<ContentType> notStale = locked.stream().filter(ct -> !stale.contains(ct.id())).toList();
        if (!notStale.isEmpty()) {
            throw new PolyrefException("Content type " + notStale.stream().map(ContentType::toString)
                    .collect(Collectors.joining(", ")) + " is not stale: its table exists; nothing was removed");
        }
        if (locked.isEmpty()) {
            return List.of();
        }
        // On a Citus coordinator the deletes below reach distributed tables, and Citus refuses a write to a
        // reference table (polyref.content_type) after a parallel multi-shard write in the same transaction; one
        // connection per node makes it legal (docs/scale-out.md). Without Citus this only sets a placeholder
        // setting for the rest of the transaction.
        tx.execute("select pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true)");
        List<StaleContentType> removed = withDependents(tx, locked,
                "with d as (delete from {1} where {0} operator(pg_catalog.=) any ({2}) returning {0}) "
                        + "select {0}, pg_catalog.count(*) from d group by {0}");
        tx.execute("delete from polyref.content_type where id operator(pg_catalog.=) any ({0})",
                val(locked.stream().map(ContentType::id).toArray(Integer[]::new)));
        return removed;
    }

    /**
     * Runs {@code perColumnSql} (placeholders: {0} the column, {1} its table, {2} the id array; result rows:
     * id, count) for every referencing column and groups the counts by content type.
     *
     * <p>The SQL qualifies {@code count} and compares with pg_catalog's {@code =}: a referencing column may be
     * integer or bigint against an integer[], and an operator with an exact type match in a schema on the caller's
     * search_path would otherwise run instead of pg_catalog's, with the caller's rights.
     */
    private static List<StaleContentType> withDependents(DSLContext dsl, List<ContentType> contentTypes,
            String perColumnSql) {
        Integer[] ids = contentTypes.stream().map(ContentType::id).toArray(Integer[]::new);
        Map<Integer, List<DependentRows>> byId = new HashMap<>();
        for (ContentTypeColumn column : ContentTypeColumn.findAll(dsl)) {
            dsl.resultQuery(perColumnSql, name(column.column()), column.jooqTable(), val(ids))
                    // Typed result columns: jOOQ then never asks pgjdbc for their tables (ContentTypeColumn.findAll)
                    .coerce(field(name("content_type_id"), Integer.class), field(name("rows"), Long.class))
                    .forEach(r -> byId.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                            .add(new DependentRows(column, r.value2())));
        }
        return contentTypes.stream()
                .map(ct -> new StaleContentType(ct, byId.getOrDefault(ct.id(), List.of())))
                .toList();
    }
}
