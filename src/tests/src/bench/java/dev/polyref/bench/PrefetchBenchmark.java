package dev.polyref.bench;

import dev.polyref.Polyref;
import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.val;

import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.Model;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.generic.GenericResolver;
import dev.polyref.generic.Prefetched;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading the targets of N activities (N distinct refs over 4 types) and looking each one up, five ways:
 * Polyref's prefetch, in its default and one-round-trip modes; the hand-written per-type jOOQ queries Polyref
 * must keep up with; a hand-written single query with a LEFT JOIN per type (the other one-round-trip design);
 * and the naive N+1 loop, one query per row. Each returns how many targets it found.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"})
public class PrefetchBenchmark {

    private static final List<Model<?, Long>> TYPES = List.of(Models.VIDEO, Models.SONG,
            Models.POST, Models.BOOKMARK);

    @Param({"100", "1000", "10000", "100000"})
    public int size;

    private BenchDatabase db;
    private List<ActivityRecord> rows;
    private GenericResolver resolver;
    private GenericResolver oneRoundTrip;
    private Map<Integer, Model<?, Long>> typesById;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        db = new BenchDatabase();
        rows = db.activities.subList(0, size);
        PolyrefContext polyref = Polyref.configure().models(Models.ALL).load().using(db.dsl);
        ContentTypeRegistry registry = polyref.contentTypes();
        registry.fetchAll();
        resolver = polyref.resolver();
        oneRoundTrip = resolver.withOneRoundTrip(true);
        typesById = new HashMap<>();
        TYPES.forEach(t -> typesById.put(registry.get(t).id(), t));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        db.close();
    }

    @Benchmark
    public int polyref() {
        return lookUp(resolver.prefetch(ACTIVITY_TARGET, rows));
    }

    @Benchmark
    public int polyrefOneRoundTrip() {
        return lookUp(oneRoundTrip.prefetch(ACTIVITY_TARGET, rows));
    }

    private int lookUp(Prefetched targets) {
        int found = 0;
        for (ActivityRecord row : rows) {
            found += targets.find(row).isPresent() ? 1 : 0;
        }
        return found;
    }

    /** What a careful developer writes by hand: group ids by type, one {@code id = ANY(?)} query per type. */
    @Benchmark
    public int handWrittenPerType() {
        Map<Integer, Set<Long>> ids = new HashMap<>();
        for (ActivityRecord row : rows) {
            ids.computeIfAbsent(row.getContentTypeId(), k -> new LinkedHashSet<>()).add(row.getObjectId());
        }
        Map<Integer, Map<Long, TableRecord<?>>> byType = new HashMap<>();
        ids.forEach((typeId, typeIds) -> byType.put(typeId, fetchType(typesById.get(typeId), typeIds)));
        int found = 0;
        for (ActivityRecord row : rows) {
            found += byType.get(row.getContentTypeId()).get(row.getObjectId()) != null ? 1 : 0;
        }
        return found;
    }

    private <R extends TableRecord<R>> Map<Long, TableRecord<?>> fetchType(Model<?, Long> type, Set<Long> ids) {
        @SuppressWarnings("unchecked")
        Model<R, Long> model = (Model<R, Long>) type;
        Map<Long, TableRecord<?>> byId = new HashMap<>();
        for (R record : db.dsl.selectFrom(model.table())
                .where(model.primaryKey().eq(any(val(ids.toArray(Long[]::new))))).fetch()) {
            byId.put(record.get(model.primaryKey()), record);
        }
        return byId;
    }

    /** The other one-round-trip design: one query, the refs unnested and LEFT JOINed to each type's table. */
    @Benchmark
    public int handWrittenLeftJoin() {
        Integer[] typeIds = new Integer[rows.size()];
        Long[] objectIds = new Long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            typeIds[i] = rows.get(i).getContentTypeId();
            objectIds[i] = rows.get(i).getObjectId();
        }
        StringBuilder sql = new StringBuilder("select r.ct, r.oid");
        StringBuilder joins = new StringBuilder(
                " from rows from (pg_catalog.unnest(?::integer[]), pg_catalog.unnest(?::bigint[])) r (ct, oid)");
        List<Object> binds = new ArrayList<>(List.of(typeIds, objectIds));
        int i = 0;
        for (Map.Entry<Integer, Model<?, Long>> type : typesById.entrySet()) {
            String alias = "t" + i++;
            sql.append(", ").append(alias).append(".*");
            joins.append(" left join ").append(type.getValue().table()).append(' ').append(alias)
                    .append(" on r.ct = ? and ").append(alias).append(".id = r.oid");
            binds.add(type.getKey());
        }
        Result<Record> result = db.dsl.fetch(sql.append(joins).toString(), binds.toArray());
        int found = 0;
        for (Record record : result) {
            // one of the joined tables matched when any column after (ct, oid) is set
            for (int c = 2; c < record.size(); c++) {
                if (record.get(c) != null) {
                    found++;
                    break;
                }
            }
        }
        return found;
    }

    /** N+1: one query per row, what an unbatched GenericKey access does. */
    @Benchmark
    public int naivePerRow() {
        int found = 0;
        for (ActivityRecord row : rows) {
            found += resolver.fetchOptional(ACTIVITY_TARGET, row).isPresent() ? 1 : 0;
        }
        return found;
    }
}
