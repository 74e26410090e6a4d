package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.InvalidArgumentException;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ModelType;
import dev.polyref.catalogue.NaturalKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Results;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * One prefetch: groups refs by content type, runs one {@code pk = ANY(?)} statement per type and chunk (one
 * array bind each), then the nested parent statements. Used once and dropped.
 */
final class PrefetchLoader {

    private final DSLContext dsl;
    private final Function<ContentType, ModelType<?, ?>> models;
    private final int chunkSize;
    private final boolean oneRoundTrip;

    PrefetchLoader(DSLContext dsl, Function<ContentType, ModelType<?, ?>> models, int chunkSize,
            boolean oneRoundTrip) {
        this.dsl = dsl;
        this.models = models;
        this.chunkSize = chunkSize;
        this.oneRoundTrip = oneRoundTrip;
    }

    /** A ref whose id is the target's key type, so equal targets collapse to one id. */
    GenericRef<?> canonical(GenericRef<?> ref) {
        ModelType<?, ?> model = models.apply(ref.contentType());
        Object id = ObjectIds.toKey(ref.objectId(), model, () -> "ref " + ref);
        return id.equals(ref.objectId()) ? ref : new GenericRef<>(ref.contentType(), id);
    }

    /**
     * @param refs   canonical refs, duplicates allowed
     * @param reader reads a row's ref for {@link Prefetched#get(Record)}, or null for a prefetch of refs
     */
    Prefetched load(Collection<GenericRef<?>> refs, GenericPrefetch<?>[] perType, @Nullable RowRefs reader) {
        Map<NaturalKey, GenericPrefetch<?>> custom = byType(perType);
        // Sets keep each id once (duplicates fetched once) and keep memory linear in distinct targets
        Map<ContentType, Set<Object>> ids = new LinkedHashMap<>();
        for (GenericRef<?> ref : refs) {
            ids.computeIfAbsent(ref.contentType(), t -> new LinkedHashSet<>()).add(ref.objectId());
        }
        List<Batch> batches = new ArrayList<>();
        ids.forEach((type, typeIds) -> {
            ModelType<?, ?> model = models.apply(type);
            GenericPrefetch<?> prefetch = custom.get(model.naturalKey());
            for (List<Object> chunk : chunks(typeIds)) {
                batches.add(new Batch(type, model, prefetch, query(model, prefetch, chunk)));
            }
        });
        Map<ContentType, Map<Object, TableRecord<?>>> targets = new HashMap<>();
        Map<ContentType, GenericPrefetch<?>> withParents = new LinkedHashMap<>();
        List<? extends List<? extends Record>> results = execute(batches);
        for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(i);
            Map<Object, TableRecord<?>> byId = targets.computeIfAbsent(batch.type(), t -> new HashMap<>());
            for (Record record : results.get(i)) {
                TableRecord<?> target = asTarget(batch.model(), record);
                byId.put(target.get(batch.model().primaryKey()), target);
            }
            if (batch.prefetch() != null && !batch.prefetch().parents().isEmpty()) {
                withParents.put(batch.type(), batch.prefetch());
            }
        }
        Map<ForeignKey<?, ?>, Map<Object, Record>> parents = new HashMap<>();
        withParents.forEach((type, prefetch) -> {
            for (ForeignKey<?, ?> fk : prefetch.parents()) {
                parents.put(fk, loadParents(fk, targets.get(type).values()));
            }
        });
        return new DefaultPrefetched(targets, parents, reader, this::canonical);
    }

    private List<? extends List<? extends Record>> execute(List<Batch> batches) {
        if (oneRoundTrip && batches.size() > 1) {
            // One plain-SQL call "{0}; {1}; ..." embedding the queries with their binds: pgjdbc sends the
            // statements of one call with a single Sync, so one network round trip (jOOQ's Queries.fetchMany()
            // would execute them one by one). Plain-SQL results make jOOQ ask pgjdbc for each column's table,
            // which pgjdbc looks up once per table and connection and then caches.
            // Measured against one LEFT JOIN per type: see docs/resolver.md.
            String template = IntStream.range(0, batches.size()).mapToObj(i -> "{" + i + "}")
                    .collect(Collectors.joining(";\n"));
            Results results = dsl.fetchMany(template, batches.stream().map(Batch::query).toArray(QueryPart[]::new));
            return List.copyOf(results);
        }
        return batches.stream().map(b -> b.query().fetch()).toList();
    }

    private Map<Object, Record> loadParents(ForeignKey<?, ?> fk, Collection<TableRecord<?>> children) {
        Field<?> column = fk.getFields().get(0);
        Set<Object> keys = new LinkedHashSet<>();
        for (TableRecord<?> child : children) {
            Object value = child.get(column);
            if (value != null) {
                keys.add(value);
            }
        }
        Table<?> parentTable = fk.getKey().getTable();
        Field<?> parentKey = fk.getKeyFields().get(0);
        Map<Object, Record> parents = new HashMap<>();
        for (List<Object> chunk : chunks(keys)) {
            for (Record parent : dsl.selectFrom(parentTable).where(ObjectIdSql.anyOf(parentKey, chunk)).fetch()) {
                parents.put(parent.get(parentKey), parent);
            }
        }
        return parents;
    }

    private ResultQuery<? extends Record> query(ModelType<?, ?> model, @Nullable GenericPrefetch<?> prefetch,
            List<Object> chunk) {
        Condition where = ObjectIdSql.anyOf(model.primaryKey(), chunk);
        if (prefetch == null) {
            return dsl.selectFrom(model.table()).where(where);
        }
        where = where.and(prefetch.condition());
        if (prefetch.fields().isEmpty()) {
            return dsl.selectFrom(model.table()).where(where);
        }
        return dsl.select(prefetch.selectedFields()).from(model.table()).where(where);
    }

    private static TableRecord<?> asTarget(ModelType<?, ?> model, Record record) {
        Class<?> recordType = model.recordType();
        // selectFrom gives the table's record type already; customised columns and fetchMany give plain records
        return recordType.isInstance(record) ? (TableRecord<?>) record : record.into(model.table());
    }

    private List<List<Object>> chunks(Set<Object> values) {
        List<List<Object>> chunks = new ArrayList<>();
        List<Object> current = new ArrayList<>(Math.min(chunkSize, values.size()));
        for (Object value : values) {
            current.add(value);
            if (current.size() == chunkSize) {
                chunks.add(current);
                current = new ArrayList<>(Math.min(chunkSize, values.size()));
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static Map<NaturalKey, GenericPrefetch<?>> byType(GenericPrefetch<?>[] perType) {
        Map<NaturalKey, GenericPrefetch<?>> byType = new HashMap<>();
        for (GenericPrefetch<?> prefetch : requireNonNull(perType, "perType")) {
            NaturalKey type = requireNonNull(prefetch, "perType[]").model().naturalKey();
            if (byType.put(type, prefetch) != null) {
                throw new InvalidArgumentException("Only one GenericPrefetch per content type; " + type
                        + " was given twice");
            }
        }
        return byType;
    }

    private record Batch(ContentType type, ModelType<?, ?> model, @Nullable GenericPrefetch<?> prefetch,
            ResultQuery<? extends Record> query) {}
}
