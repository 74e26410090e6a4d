package dev.polyref.catalogue;

import static dev.polyref.NullArgumentException.requireNonNull;
import static dev.polyref.catalogue.internal.CatalogueTable.APP_LABEL;
import static dev.polyref.catalogue.internal.CatalogueTable.CONTENT_TYPE;
import static dev.polyref.catalogue.internal.CatalogueTable.ID;
import static dev.polyref.catalogue.internal.CatalogueTable.MODEL;
import static dev.polyref.catalogue.internal.CatalogueTable.NAME;
import static dev.polyref.catalogue.internal.CatalogueTable.PROXY_FOR;
import static dev.polyref.catalogue.internal.CatalogueTable.UNCOMMITTED;
import static dev.polyref.catalogue.internal.CatalogueTable.text;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.row;

import dev.polyref.catalogue.internal.CatalogueSql;
import dev.polyref.catalogue.internal.CatalogueTable;
import dev.polyref.StaleContentTypeException;
import dev.polyref.UnknownContentTypeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record6;
import org.jooq.SelectJoinStep;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * A registry bound to one {@code DSLContext} over its database's {@link ContentTypeCache}: misses are read through that
 * context (so inside a transaction they see its uncommitted rows), and only committed rows are cached (so what a
 * transaction that rolls back created is never served afterwards). Cheap: two fields.
 */
final class DefaultContentTypeRegistry implements ContentTypeRegistry {

    private final DSLContext dsl;
    private final ContentTypeCaches caches;
    // This database's cache, found on first use (DatabaseKey: no statement), so binding stays free
    private @Nullable ContentTypeCache cache;

    DefaultContentTypeRegistry(DSLContext dsl, ContentTypeCaches caches) {
        this.dsl = dsl;
        this.caches = caches;
    }

    private ContentTypeCache cache() {
        ContentTypeCache found = cache;
        if (found == null) {
            found = caches.of(DatabaseKey.of(dsl));
            cache = found;
        }
        return found;
    }

    @Override
    public ContentType get(int id) {
        return find(id).orElseThrow(() -> new UnknownContentTypeException(
                "No content type with id " + id + " in polyref.content_type"));
    }

    @Override
    public Optional<ContentType> find(int id) {
        ContentType cached = cache().byId(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        return select().where(ID.eq(id)).fetchOptional(CatalogueTable::toRead).map(this::remember);
    }

    @Override
    public ContentType get(NaturalKey key) {
        return find(key).orElseThrow(() -> unknown(List.of(key)));
    }

    @Override
    public Optional<ContentType> find(NaturalKey key) {
        requireNonNull(key, "key");
        ContentType cached = cache().byKey(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        return select().where(APP_LABEL.eq(text(key.appLabel())), MODEL.eq(text(key.model())))
                .fetchOptional(CatalogueTable::toRead)
                .map(this::remember);
    }

    @Override
    public ContentType get(Table<?> table) {
        return get(NaturalKey.of(requireNonNull(table, "table")));
    }

    @Override
    public ContentType get(TableRecord<?> record) {
        return get(requireNonNull(record, "record").getTable());
    }

    @Override
    public ContentType get(Model<?, ?> model) {
        return get(requireNonNull(model, "model").naturalKey());
    }

    @Override
    public Map<Table<?>, ContentType> getAll(Collection<? extends Table<?>> tables) {
        requireNonNull(tables, "tables");
        Map<Table<?>, NaturalKey> keys = new LinkedHashMap<>();
        for (Table<?> table : tables) {
            keys.put(table, NaturalKey.of(requireNonNull(table, "tables[]")));
        }
        Map<NaturalKey, ContentType> found = new HashMap<>();
        Set<NaturalKey> missing = new LinkedHashSet<>();
        for (NaturalKey key : keys.values()) {
            ContentType cached = cache().byKey(key);
            if (cached != null) {
                found.put(key, cached);
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            // One statement for every uncached table: WHERE (app_label, model) IN ((..), (..), ...)
            Condition anyOf = or(missing.stream()
                    .map(k -> row(APP_LABEL, MODEL).eq(text(k.appLabel()), text(k.model())))
                    .toList());
            select().where(anyOf).fetch(CatalogueTable::toRead).forEach(r -> {
                ContentType type = remember(r);
                found.put(type.naturalKey(), type);
            });
            List<NaturalKey> stillMissing = missing.stream().filter(k -> !found.containsKey(k)).toList();
            if (!stillMissing.isEmpty()) {
                throw unknown(stillMissing);
            }
        }
        Map<Table<?>, ContentType> result = new LinkedHashMap<>();
        keys.forEach((table, key) -> result.put(table, found.get(key)));
        return result;
    }

    @Override
    public Map<Integer, ContentType> getAllById(Collection<Integer> ids) {
        requireNonNull(ids, "ids");
        Map<Integer, ContentType> found = new HashMap<>();
        Set<Integer> missing = new LinkedHashSet<>();
        for (Integer id : ids) {
            ContentType cached = cache().byId(requireNonNull(id, "ids[]"));
            if (cached != null) {
                found.put(id, cached);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            select().where(ID.in(missing)).fetch(CatalogueTable::toRead).forEach(r -> {
                ContentType type = remember(r);
                found.put(type.id(), type);
            });
            List<Integer> stillMissing = missing.stream().filter(id -> !found.containsKey(id)).toList();
            if (!stillMissing.isEmpty()) {
                throw new UnknownContentTypeException("No content type with id "
                        + stillMissing.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + " in polyref.content_type");
            }
        }
        Map<Integer, ContentType> result = new LinkedHashMap<>();
        ids.forEach(id -> result.put(id, found.get(id)));
        return result;
    }

    @Override
    public List<ContentType> fetchAll() {
        List<ContentType> all = new ArrayList<>();
        select().orderBy(APP_LABEL, MODEL).fetch(CatalogueTable::toRead).forEach(r -> all.add(remember(r)));
        return List.copyOf(all);
    }

    @Override
    public Optional<Model<?, ?>> findModel(ContentType contentType) {
        return cache().model(requireNonNull(contentType, "contentType").naturalKey());
    }

    @Override
    public Model<?, ?> getModel(ContentType contentType) {
        return findModel(contentType).orElseThrow(() -> new StaleContentTypeException("Content type " + contentType
                + " has no known table (dropped, or its Models were not given to Polyref.configure()"
                + ".models(...)); cannot load objects of it"));
    }

    @Override
    public Optional<? extends TableRecord<?>> fetchOptional(ContentType contentType, Condition condition) {
        requireNonNull(condition, "condition");
        return fetchOptional(getModel(contentType), condition);
    }

    private <R extends TableRecord<R>> Optional<R> fetchOptional(Model<R, ?> model, Condition condition) {
        return dsl.selectFrom(model.table()).where(condition).fetchOptional();
    }

    @Override
    public List<ContentType> sync(String... schemas) {
        requireNonNull(schemas, "schemas");
        List<ContentType> added = CatalogueSql.sync(dsl, List.of(schemas), CatalogueSql.DEFAULT_EXCLUDED_TABLES);
        clearCache();
        return added;
    }

    @Override
    public List<ContentType> fetchStale() {
        return CatalogueSql.stale(dsl);
    }

    @Override
    public void clearCache() {
        cache().clear();
    }

    private SelectJoinStep<Record6<Integer, String, String, Boolean, String, Integer>> select() {
        return dsl.select(ID, APP_LABEL, MODEL, UNCOMMITTED, NAME, PROXY_FOR).from(CONTENT_TYPE);
    }

    // A row of this transaction's own (uncommitted) writes is served to this binding but never cached
    private ContentType remember(CatalogueTable.Read read) {
        if (read.committed()) {
            cache().remember(read.contentType());
        }
        return read.contentType();
    }

    private static UnknownContentTypeException unknown(List<NaturalKey> keys) {
        String names = keys.stream().map(NaturalKey::toString).collect(Collectors.joining(", "));
        return new UnknownContentTypeException((keys.size() == 1 ? "No content type " : "No content types ")
                + names + " in polyref.content_type; was the catalogue synced after the migration that created "
                + (keys.size() == 1 ? "this table?" : "these tables?"));
    }
}
