package dev.polyref.catalogue.internal;

import static org.jooq.impl.DSL.val;

import dev.polyref.catalogue.ContentType;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.ResultQuery;

/** Calls the catalogue's SQL functions (see migrations/polyref). */
public final class CatalogueSql {

    /** Flyway's default history table is never a content type. */
    public static final List<String> DEFAULT_EXCLUDED_TABLES = List.of("flyway_schema_history");

    private CatalogueSql() {}

    public static List<ContentType> sync(DSLContext dsl, Collection<String> schemas, Collection<String> excludedTables) {
        // An empty schema list means every user schema, which the SQL function expresses as NULL.
        String[] schemaArray = schemas.isEmpty() ? null : schemas.toArray(String[]::new);
        ResultQuery<Record5<Integer, String, String, String, Integer>> query = dsl.resultQuery(
                "select id, app_label, model, polyref.content_type_name(content_type.label, content_type.relation, "
                        + "content_type.model), proxy_for "
                        + "from polyref.sync_content_types({0}, {1}) content_type",
                val(schemaArray, String[].class), val(excludedTables.toArray(String[]::new)))
                .coerce(CatalogueTable.ID, CatalogueTable.APP_LABEL, CatalogueTable.MODEL, CatalogueTable.NAME,
                        CatalogueTable.PROXY_FOR);
        return List.copyOf(query.fetch(CatalogueTable::toContentType));
    }

    public static List<ContentType> stale(DSLContext dsl) {
        return List.copyOf(dsl.resultQuery("select id, app_label, model, polyref.content_type_name(content_type.label, "
                        + "content_type.relation, content_type.model), proxy_for from polyref.stale_content_types() content_type")
                .coerce(CatalogueTable.ID, CatalogueTable.APP_LABEL, CatalogueTable.MODEL, CatalogueTable.NAME,
                        CatalogueTable.PROXY_FOR)
                .fetch(CatalogueTable::toContentType));
    }
}
