package dev.polyref.catalogue;

import static dev.polyref.NullArgumentException.requireNonNull;
import static dev.polyref.catalogue.CatalogueTable.APP_LABEL;
import static dev.polyref.catalogue.CatalogueTable.CONTENT_TYPE;
import static dev.polyref.catalogue.CatalogueTable.ID;
import static dev.polyref.catalogue.CatalogueTable.MODEL;
import static dev.polyref.catalogue.CatalogueTable.text;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.row;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.StaleContentTypeException;
import dev.polyref.UnknownContentTypeException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableRecord;

/** The registry: two concurrent maps over one catalogue, filled by whichever lookup misses first. */
final class DefaultContentTypeRegistry implements ContentTypeRegistry {

    private final DSLContext dsl;
    private final Map<NaturalKey, ModelType<?, ?>> models;
    // Both maps always receive a content type together, so a lookup by one fills the other (as in Django).
    private final ConcurrentHashMap<Integer, ContentType> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<NaturalKey, ContentType> byKey = new ConcurrentHashMap<>();

    DefaultContentTypeRegistry(DSLContext dsl, Collection<? extends ModelType<?, ?>> models) {
        this.dsl = dsl;
        Map<NaturalKey, ModelType<?, ?>> byNaturalKey = new LinkedHashMap<>();
        for (ModelType<?, ?> model : models) {
            requireNonNull(model, "models[]");
            ModelType<?, ?> clash = byNaturalKey.putIfAbsent(model.naturalKey(), model);
            if (clash != null && !clash.equals(model)) {
                throw new MalformedDeclarationException("Two models for content type " + model.naturalKey());
            }
        }
        this.models = Map.copyOf(byNaturalKey);
    }

    @Override
    public ContentType get(int id) {
        ContentType cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        return dsl.select(ID, APP_LABEL, MODEL).from(CONTENT_TYPE).where(ID.eq(id))
                .fetchOptional(CatalogueTable::toContentType)
                .map(this::remember)
                .orElseThrow(() -> new UnknownContentTypeException(
                        "No content type with id " + id + " in polyref.content_type"));
    }

    @Override
    public ContentType get(NaturalKey key) {
        requireNonNull(key, "key");
        ContentType cached = byKey.get(key);
        if (cached != null) {
            return cached;
        }
        return dsl.select(ID, APP_LABEL, MODEL).from(CONTENT_TYPE)
                .where(APP_LABEL.eq(text(key.appLabel())), MODEL.eq(text(key.model())))
                .fetchOptional(CatalogueTable::toContentType)
                .map(this::remember)
                .orElseThrow(() -> unknown(List.of(key)));
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
    public ContentType get(ModelType<?, ?> model) {
        return get(requireNonNull(model, "model").naturalKey());
    }

    @Override
    public Map<Table<?>, ContentType> getAll(Collection<? extends Table<?>> tables) {
        requireNonNull(tables, "tables");
        Map<Table<?>, NaturalKey> keys = new LinkedHashMap<>();
        for (Table<?> table : tables) {
            keys.put(table, NaturalKey.of(requireNonNull(table, "tables[]")));
        }
        Set<NaturalKey> missing = keys.values().stream()
                .filter(k -> !byKey.containsKey(k))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!missing.isEmpty()) {
            // One statement for every uncached table: WHERE (app_label, model) IN ((..), (..), ...)
            Condition anyOf = or(missing.stream()
                    .map(k -> row(APP_LABEL, MODEL).eq(text(k.appLabel()), text(k.model())))
                    .toList());
            dsl.select(ID, APP_LABEL, MODEL).from(CONTENT_TYPE).where(anyOf)
                    .fetch(CatalogueTable::toContentType)
                    .forEach(this::remember);
            List<NaturalKey> stillMissing = missing.stream().filter(k -> !byKey.containsKey(k)).toList();
            if (!stillMissing.isEmpty()) {
                throw unknown(stillMissing);
            }
        }
        Map<Table<?>, ContentType> result = new LinkedHashMap<>();
        keys.forEach((table, key) -> result.put(table, byKey.get(key)));
        return result;
    }

    @Override
    public Map<Integer, ContentType> getByIds(Collection<Integer> ids) {
        requireNonNull(ids, "ids");
        Set<Integer> missing = new LinkedHashSet<>();
        for (Integer id : ids) {
            if (!byId.containsKey(requireNonNull(id, "ids[]"))) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            dsl.select(ID, APP_LABEL, MODEL).from(CONTENT_TYPE).where(ID.in(missing))
                    .fetch(CatalogueTable::toContentType)
                    .forEach(this::remember);
            List<Integer> stillMissing = missing.stream().filter(id -> !byId.containsKey(id)).toList();
            if (!stillMissing.isEmpty()) {
                throw new UnknownContentTypeException("No content type with id "
                        + stillMissing.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + " in polyref.content_type");
            }
        }
        Map<Integer, ContentType> result = new LinkedHashMap<>();
        ids.forEach(id -> result.put(id, byId.get(id)));
        return result;
    }

    @Override
    public List<ContentType> all() {
        List<ContentType> all = dsl.select(ID, APP_LABEL, MODEL).from(CONTENT_TYPE)
                .orderBy(APP_LABEL, MODEL)
                .fetch(CatalogueTable::toContentType);
        all.forEach(this::remember);
        return List.copyOf(all);
    }

    @Override
    public Optional<ModelType<?, ?>> model(ContentType contentType) {
        return Optional.ofNullable(models.get(requireNonNull(contentType, "contentType").naturalKey()));
    }

    @Override
    public Optional<? extends TableRecord<?>> fetchOptional(ContentType contentType, Condition condition) {
        requireNonNull(condition, "condition");
        ModelType<?, ?> model = model(contentType).orElseThrow(() -> new StaleContentTypeException(
                "Content type " + contentType + " has no known table; cannot load objects of it"));
        return fetchOptional(model, condition);
    }

    private <R extends TableRecord<R>> Optional<R> fetchOptional(ModelType<R, ?> model, Condition condition) {
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
    public List<ContentType> stale() {
        return CatalogueSql.stale(dsl);
    }

    @Override
    public void clearCache() {
        byId.clear();
        byKey.clear();
    }

    private ContentType remember(ContentType contentType) {
        byId.put(contentType.id(), contentType);
        byKey.put(contentType.naturalKey(), contentType);
        return contentType;
    }

    private static UnknownContentTypeException unknown(List<NaturalKey> keys) {
        String names = keys.stream().map(NaturalKey::toString).collect(Collectors.joining(", "));
        return new UnknownContentTypeException((keys.size() == 1 ? "No content type " : "No content types ")
                + names + " in polyref.content_type; was the catalogue synced after the migration that created "
                + (keys.size() == 1 ? "this table?" : "these tables?"));
    }
}
