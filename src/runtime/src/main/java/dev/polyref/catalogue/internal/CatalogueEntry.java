package dev.polyref.catalogue.internal;

import static dev.polyref.NullArgumentException.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.polyref.Polyref;
import dev.polyref.catalogue.ContentType;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * One content type of the catalogue with the number of rows in its table: what {@code polyref list} prints.
 *
 * <pre>{@code
 * for (CatalogueEntry entry : CatalogueEntry.fetchAll(dsl)) {
 *     System.out.println(entry.contentType() + ": "
 *             + (entry.stale() ? "stale" : entry.rows().getAsLong() + " rows"));
 * }
 * }</pre>
 *
 * @param contentType the content type
 * @param rows        the exact number of rows in its table; empty when the content type is stale (no table)
 */
public record CatalogueEntry(ContentType contentType, OptionalLong rows) {

    /** Validates the fields. */
    public CatalogueEntry {
        requireNonNull(contentType, "contentType");
        requireNonNull(rows, "rows");
    }

    /**
     * The whole catalogue with exact row counts: one {@code count(*)} per table, so this reads every table.
     *
     * @param dsl the database
     * @return every content type ordered by (app_label, model)
     */
    public static List<CatalogueEntry> fetchAll(DSLContext dsl) {
        requireNonNull(dsl, "dsl");
        List<ContentType> all = Polyref.configure().load().using(dsl).contentTypes().fetchAll();
        Set<Integer> stale = CatalogueSql.stale(dsl).stream().map(ContentType::id).collect(Collectors.toSet());
        return all.stream()
                .map(ct -> new CatalogueEntry(ct, stale.contains(ct.id())
                        ? OptionalLong.empty()
                        : OptionalLong.of(count(dsl, ct))))
                .toList();
    }

    private static long count(DSLContext dsl, ContentType ct) {
        // count(*) is a bigint: jOOQ's fetchCount would narrow it to an int. Qualified like every built-in that
        // Polyref calls, so that nothing on the caller's search_path can stand in for it
        return dsl.select(field("pg_catalog.count(*)", Long.class)).from(table(name(ct.appLabel(), ct.model())))
                .fetchSingle().value1();
    }

    /** @return whether the content type's table is gone */
    public boolean stale() {
        return rows.isEmpty();
    }
}
