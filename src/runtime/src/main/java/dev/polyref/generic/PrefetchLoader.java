package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.InvalidArgumentException;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.Model;
import dev.polyref.catalogue.NaturalKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Results;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * One prefetch: groups refs by content type, runs one {@code pk = ANY(?)} statement per type and chunk (one
 * array bind each), then the nested loads ({@link NestedLoader}). In one-round-trip mode the per-type statements go
 * in as few JDBC calls as {@link GenericResolver#ONE_ROUND_TRIP_BYTES} allows (see {@link CallBudget} for why); each
 * nested statement is a call of its own, as it needs the rows of the level above. Used once and dropped.
 */
final class PrefetchLoader {

    private final DSLContext dsl;
    private final Function<ContentType, Model<?, ?>> models;
    private final int chunkSize;
    private final boolean oneRoundTrip;

    PrefetchLoader(DSLContext dsl, Function<ContentType, Model<?, ?>> models, int chunkSize,
            boolean oneRoundTrip) {
        this.dsl = dsl;
        this.models = models;
        this.chunkSize = chunkSize;
        this.oneRoundTrip = oneRoundTrip;
    }

    /** A ref whose id is the target's key type, so equal targets collapse to one id. */
    GenericRef<?> canonical(GenericRef<?> ref) {
        Model<?, ?> model = models.apply(ref.contentType());
        Object id = ObjectIds.toKey(ref.objectId(), model, () -> "ref " + ref);
        return id.equals(ref.objectId()) ? ref : new GenericRef<>(ref.contentType(), id);
    }

    /** Groups canonical refs by content type, for {@link #load}. */
    static Map<ContentType, TypeIds> group(List<GenericRef<?>> refs) {
        Map<ContentType, TypeIds> grouped = new LinkedHashMap<>();
        for (GenericRef<?> ref : refs) {
            // Canonical ids have their model's key type: the first one's class picks the index
            grouped.computeIfAbsent(ref.contentType(), t -> new TypeIds(t, null, 16)).keys.add(ref.objectId());
        }
        return grouped;
    }

    /**
     * @param grouped the distinct keys per content type (see {@link RowRefs#group})
     * @param key     the key the rows were read for, or null for a prefetch of refs
     */
    Prefetched load(Map<ContentType, TypeIds> grouped, GenericPrefetch<?>[] perType,
            @Nullable GenericKey<?, ?> key) {
        Map<NaturalKey, GenericPrefetch<?>> custom = byType(perType);
        List<Batch> batches = new ArrayList<>();
        grouped.forEach((type, typeIds) -> {
            Model<?, ?> model = models.apply(type);
            GenericPrefetch<?> prefetch = custom.get(model.naturalKey());
            // Whole rows of a table of plain columns: read past jOOQ's record building (see TargetReader)
            boolean direct = (prefetch == null || prefetch.fields().isEmpty()) && TargetReader.supports(model.table());
            // In one-round-trip mode a statement must fit in one call: its SQL, then as many ids as still fit
            int sqlBytes = oneRoundTrip ? CallBudget.statementBytes(dsl.render(query(model, prefetch, List.of()))) : 0;
            int idBudget = oneRoundTrip ? GenericResolver.ONE_ROUND_TRIP_BYTES - sqlBytes : Integer.MAX_VALUE;
            for (Chunk chunk : chunks(typeIds.keys.keys(), idBudget)) {
                batches.add(new Batch(type, model, prefetch, query(model, prefetch, chunk.ids()),
                        sqlBytes + chunk.bytes(), direct, chunk.ids().size()));
            }
        });
        Map<ContentType, Filled> targets = new LinkedHashMap<>();
        Map<ContentType, GenericPrefetch<?>> withNested = new LinkedHashMap<>();
        List<? extends List<? extends Record>> results = execute(batches);
        for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(i);
            Filled filled = targets.computeIfAbsent(batch.type(), t -> new Filled(grouped.get(t).keys));
            FieldIndex<?> primaryKey = new FieldIndex<>(batch.model().primaryKey());
            for (Record record : results.get(i)) {
                TableRecord<?> target = asTarget(batch.model(), record);
                filled.put(primaryKey.get(target), target);
            }
            if (batch.prefetch() != null && !batch.prefetch().nested().isEmpty()) {
                withNested.put(batch.type(), batch.prefetch());
            }
        }
        // Parents and link tables, one statement per key and level (see NestedLoader)
        NestedLoader nested = new NestedLoader(dsl);
        nested.load(withNested.entrySet().stream()
                .map(e -> new NestedLoader.Branch(e.getValue().nested(), targets.get(e.getKey()).loaded())).toList());
        Map<Integer, DefaultPrefetched.Loaded> byTypeId = new HashMap<>();
        targets.forEach((type, filled) -> byTypeId.put(type.id(), new DefaultPrefetched.Loaded(type,
                models.apply(type), filled.ids, filled.targets(), filled.count, grouped.get(type).keyByRawId)));
        return new DefaultPrefetched(byTypeId, nested.parents(), nested.related(), key);
    }

    private List<? extends List<? extends Record>> execute(List<Batch> batches) {
        if (!oneRoundTrip) {
            return batches.stream().map(this::fetch).toList();
        }
        List<List<? extends Record>> results = new ArrayList<>(batches.size());
        for (List<Batch> call : calls(batches)) {
            results.addAll(fetchInOneCall(call));
        }
        return results;
    }

    /**
     * Packs statements, in order, into calls of at most {@link GenericResolver#ONE_ROUND_TRIP_BYTES}; a call
     * always takes at least one statement. Every statement fits the budget, being chunked to.
     */
    private static List<List<Batch>> calls(List<Batch> batches) {
        List<List<Batch>> calls = new ArrayList<>();
        List<Batch> call = new ArrayList<>();
        long bytes = 0;
        for (Batch batch : batches) {
            if (!call.isEmpty() && bytes + batch.bytes() > GenericResolver.ONE_ROUND_TRIP_BYTES) {
                calls.add(call);
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(batch);
            bytes += batch.bytes();
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    private List<? extends List<? extends Record>> fetchInOneCall(List<Batch> call) {
        if (call.size() == 1) {
            return List.of(fetch(call.get(0)));   // typed records, no copy
        }
        // One plain-SQL call "{0}; {1}; ..." embedding the queries with their binds: pgjdbc sends the
        // statements of one call with a single Sync, so one network round trip (jOOQ's Queries.fetchMany()
        // would execute them one by one). Plain-SQL results make jOOQ ask pgjdbc for each column's table,
        // which pgjdbc looks up once per table and connection and then caches.
        // Measured against one LEFT JOIN per type: see docs/resolver.md.
        String template = IntStream.range(0, call.size()).mapToObj(i -> "{" + i + "}")
                .collect(Collectors.joining(";\n"));
        QueryPart[] queries = call.stream().map(Batch::query).toArray(QueryPart[]::new);
        if (call.stream().allMatch(Batch::direct)) {
            return readInOneCall(call, dsl.resultQuery(template, queries));
        }
        Results results = dsl.fetchMany(template, queries);
        List<List<? extends Record>> typed = new ArrayList<>(call.size());
        for (int i = 0; i < call.size(); i++) {
            Batch batch = call.get(i);
            // Plain-SQL rows copied into the table's records by column index, cheaper than record.into(table)
            typed.add(batch.direct() && TargetReader.supportsCopy(batch.model().table())
                    ? TargetReader.copy(dsl, batch.model(), results.get(i)) : results.get(i));
        }
        return typed;
    }

    /**
     * Whole-table statements of one call, each result set read into its table's records as {@link TargetReader}
     * reads one statement's: jOOQ executes the call (listeners see one statement, as with {@code fetchMany}) and
     * hands over the first result set; the others follow on the same JDBC statement, which jOOQ closes at the
     * end. Saves materialising every row as a plain-SQL record first and copying it.
     */
    private List<? extends List<? extends Record>> readInOneCall(List<Batch> call, ResultQuery<Record> query) {
        List<List<? extends Record>> typed = new ArrayList<>(call.size());
        try (ResultSet cursor = query.fetchResultSet()) {
            // The driver's own result set: jOOQ's closes the statement once its rows are read, before the others
            ResultSet rs = cursor.unwrap(ResultSet.class);
            Statement statement = rs.getStatement();
            for (int i = 0; i < call.size(); i++) {
                Batch batch = call.get(i);
                if (i > 0) {
                    if (!statement.getMoreResults()) {
                        throw new DataAccessException("A one-round-trip call returned " + i + " results for "
                                + call.size() + " statements");
                    }
                    rs = statement.getResultSet();
                }
                try (TargetReader.Rows rows = TargetReader.Rows.open(dsl, batch.model().table(), rs, batch.ids())) {
                    typed.add(rows.next(Integer.MAX_VALUE));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("Reading a one-round-trip call: " + e.getMessage(), e);
        }
        return typed;
    }

    private List<? extends Record> fetch(Batch batch) {
        if (!batch.direct()) {
            return batch.query().fetch();
        }
        List<TableRecord<?>> unobserved = TargetReader.readUnobserved(dsl, batch.model(), batch.query(), batch.ids());
        return unobserved != null ? unobserved : TargetReader.read(dsl, batch.model(), batch.query(), batch.ids());
    }

    private ResultQuery<? extends Record> query(Model<?, ?> model, @Nullable GenericPrefetch<?> prefetch,
            List<Object> chunk) {
        Condition where = oneRoundTrip ? ObjectIdSql.anyOfText(model.primaryKey(), chunk)
                : ObjectIdSql.anyOf(model.primaryKey(), chunk);
        if (prefetch == null) {
            return dsl.selectFrom(model.table()).where(where);
        }
        where = where.and(prefetch.condition());
        if (prefetch.fields().isEmpty()) {
            return dsl.selectFrom(model.table()).where(where);
        }
        return dsl.select(prefetch.selectedFields()).from(model.table()).where(where);
    }

    private static TableRecord<?> asTarget(Model<?, ?> model, Record record) {
        Class<?> recordType = model.recordType();
        // selectFrom gives the table's record type already; customised columns and fetchMany give plain records
        return recordType.isInstance(record) ? (TableRecord<?>) record : record.into(model.table());
    }

    /**
     * Cuts ids into chunks of at most {@link #chunkSize} ids and {@code maxBytes} bytes of id text (at least one
     * id each).
     */
    private List<Chunk> chunks(List<Object> values, int maxBytes) {
        List<Chunk> chunks = new ArrayList<>();
        // Slices of the ids' own list, not copies: the statements copy them into their array bind
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < values.size(); i++) {
            int size = maxBytes == Integer.MAX_VALUE ? 0 : CallBudget.idBytes(values.get(i));
            if (i > start && (i - start == chunkSize || bytes + size > maxBytes)) {
                chunks.add(new Chunk(values.subList(start, i), bytes));
                start = i;
                bytes = 0;
            }
            bytes += size;
        }
        if (start < values.size()) {
            chunks.add(new Chunk(values.subList(start, values.size()), bytes));
        }
        return chunks;
    }

    /** @throws InvalidArgumentException if two customisations name the same type */
    static void checkPerType(GenericPrefetch<?>[] perType) {
        byType(perType);
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

    /**
     * One statement: a chunk of one type's ids; {@code bytes} is what it sends (one-round-trip mode only);
     * {@code direct} when {@link TargetReader} may read it.
     */
    private record Batch(ContentType type, Model<?, ?> model, @Nullable GenericPrefetch<?> prefetch,
            ResultQuery<? extends Record> query, int bytes, boolean direct, int ids) {}

    /**
     * The loaded targets of one content type, stored at their key's position in the type's {@link IdIndex}
     * (the ids the statements asked for): no second hash table, and a row's lookup finds the position once.
     */
    private static final class Filled {

        final IdIndex ids;
        private TableRecord<?>[] targets;
        int count;

        Filled(IdIndex ids) {
            this.ids = ids;
            this.targets = new TableRecord<?>[ids.size()];
        }

        void put(Object primaryKey, TableRecord<?> target) {
            // The rows were selected by their key = ANY(ids), so the key is there; add() still takes one that
            // is not (a database whose equality is looser than Java's), to be found by its own value
            int position = ids.add(primaryKey);
            if (position >= targets.length) {
                targets = Arrays.copyOf(targets, Math.max(ids.size(), 2 * targets.length));
            }
            if (targets[position] == null) {
                count++;
            }
            targets[position] = target;
        }

        /** @return the targets by their key's position (null for a key with no row), as long as the ids */
        TableRecord<?>[] targets() {
            return targets.length == ids.size() ? targets : Arrays.copyOf(targets, ids.size());
        }

        /** @return the loaded targets, in their keys' order */
        List<TableRecord<?>> loaded() {
            List<TableRecord<?>> loaded = new ArrayList<>(count);
            for (TableRecord<?> target : targets) {
                if (target != null) {
                    loaded.add(target);
                }
            }
            return loaded;
        }
    }

    /** Ids of one statement, and their bytes as array text (0 when not measured). */
    private record Chunk(List<Object> ids, int bytes) {}
}
