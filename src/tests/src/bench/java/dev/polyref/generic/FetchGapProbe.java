package dev.polyref.generic;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.VIDEO;

import dev.polyref.Polyref;
import dev.polyref.bench.EndToEndBenchmark;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.tables.records.ActivityRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;

/**
 * Where {@code resolver.fetch} spends its time over the same work done by hand into the same jOOQ records
 * ({@link EndToEndBenchmark#rawJdbcIntoJooqRecords}, the floor of what Polyref returns), part by part: the page,
 * the targets, and one target statement executed by jOOQ against the same SQL executed by JDBC; and {@code fetch}
 * with jOOQ executing the target statements (a no-op execute listener) against {@code fetch} preparing them over
 * JDBC as it does when nothing listens. Interleaved rounds (each part once per round, in rotating order), medians;
 * docs/performance.md, "Round 6" and "Round 7". Not a JMH
 * benchmark: for finding where the time goes, on the benchmark's data. Arguments: page size (10000), rounds (150).
 */
public final class FetchGapProbe {

    private FetchGapProbe() {}

    public static void main(String[] args) throws Exception {
        EndToEndBenchmark b = new EndToEndBenchmark();
        b.size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        b.setUp();
        DSLContext dsl = b.dsl();
        DefaultGenericResolver resolver = (DefaultGenericResolver) b.resolver();
        List<ActivityRecord> page = TargetReader.read(dsl, ACTIVITY, b.pageQuery(), 16);
        // One target statement: the page's video ids, as the prefetch binds them
        Set<Object> distinct = new LinkedHashSet<>();
        int video = dsl.fetchValue(org.jooq.impl.DSL.field(
                "(select id from polyref.content_type where model = 'video')", Integer.class));
        for (ActivityRecord a : page) {
            if (a.getContentTypeId() != null && a.getContentTypeId() == video && a.getObjectId() != null) {
                distinct.add(a.getObjectId());
            }
        }
        List<Object> videoIds = new ArrayList<>(distinct);
        Long[] ids = videoIds.toArray(Long[]::new);
        String sql = dsl.render(videos(dsl, videoIds));
        Connection connection = dsl.configuration().connectionProvider().acquire();

        Map<String, Callable<?>> parts = new LinkedHashMap<>();
        parts.put("fetch, end to end", b::polyrefFetch);
        // The same with a no-op execute listener: jOOQ executes the target statements (round 7's A/B)
        DSLContext listened = org.jooq.impl.DSL.using(dsl.configuration().derive(
                org.jooq.ExecuteListener.onExecuteStart(ctx -> {})));
        GenericResolver jooqExecutes = Polyref.configure().models(Models.ALL).load().using(listened).resolver();
        parts.put("fetch, end to end, jOOQ executing the targets", () -> {
            int found = 0;
            for (Resolved<ActivityRecord> r : jooqExecutes.fetch(GenericKeys.ACTIVITY_TARGET, b.pageQuery())) {
                found += r.findTarget().isPresent() ? 1 : 0;
            }
            return found;
        });
        parts.put("by hand into jOOQ records, end to end", b::rawJdbcIntoJooqRecords);
        parts.put("hand-written JDBC, end to end", b::rawJdbcPerType);
        parts.put("page: Polyref reads it", () -> TargetReader.read(dsl, ACTIVITY, b.pageQuery(), 16).size());
        parts.put("page: by hand into jOOQ records", () -> b.jdbcPageIntoRecords().size());
        parts.put("page: jOOQ executes, rows not read", () -> count(b.pageQuery().fetchResultSet(), false));
        parts.put("page: JDBC executes, rows not read", b::jdbcPageNotRead);
        parts.put("targets: Polyref (resolve, findTarget)", () -> {
            int found = 0;
            for (Resolved<ActivityRecord> r : resolver.resolve(GenericKeys.ACTIVITY_TARGET, page,
                    new GenericPrefetch<?>[0])) {
                found += r.findTarget().isPresent() ? 1 : 0;
            }
            return found;
        });
        parts.put("targets: by hand into jOOQ records", () -> b.jdbcTargetsIntoRecords(page));
        ContentTypeRegistry registry = Polyref.configure().models(Models.ALL).load().using(dsl).contentTypes();
        registry.fetchAll();
        parts.put("grouping: RowRefs.group", () -> new RowRefs(GenericKeys.ACTIVITY_TARGET, registry)
                .group(page, true).types().length);
        parts.put("grouping: a HashMap of LinkedHashSets", () -> {
            Map<Integer, Set<Long>> byType = new HashMap<>();
            for (ActivityRecord a : page) {
                if (a.getContentTypeId() != null && a.getObjectId() != null) {
                    byType.computeIfAbsent(a.getContentTypeId(), t -> new LinkedHashSet<>()).add(a.getObjectId());
                }
            }
            return byType.size();
        });
        parts.put("videos: jOOQ executes, rows not read", () -> count(videos(dsl, videoIds).fetchResultSet(), false));
        parts.put("videos: jOOQ executes, rows unwrapped", () -> count(videos(dsl, videoIds).fetchResultSet(), true));
        parts.put("videos: jOOQ builds and renders", () -> dsl.render(videos(dsl, videoIds)).length());
        parts.put("videos: the same SQL by JDBC", () -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setObject(1, ids);
                return count(ps.executeQuery(), false);
            }
        });

        List<String> names = new ArrayList<>(parts.keySet());
        for (int warm = 0; warm < 30; warm++) {
            for (Callable<?> part : parts.values()) {
                part.call();
            }
        }
        long[][] ns = new long[names.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.size(); k++) {
                int i = (k + r) % names.size();
                long start = System.nanoTime();
                parts.get(names.get(i)).call();
                ns[i][r] = System.nanoTime() - start;
            }
        }
        System.out.printf("M=%d, %d video ids, medians of %d interleaved rounds%n", b.size, ids.length, rounds);
        for (int i = 0; i < names.size(); i++) {
            Arrays.sort(ns[i]);
            System.out.printf("  %-42s %9.3f ms%n", names.get(i), ns[i][rounds / 2] / 1e6);
        }
        dsl.configuration().connectionProvider().release(connection);
        b.tearDown();
        System.exit(0);
    }

    private static ResultQuery<?> videos(DSLContext dsl, List<Object> ids) {
        return dsl.selectFrom(VIDEO).where(ObjectIdSql.anyOf(VIDEO.ID, ids));
    }

    /** Counts a result set's rows and closes it; {@code unwrapped} steps pgjdbc's own result set, past jOOQ's. */
    private static int count(ResultSet rs, boolean unwrapped) throws SQLException {
        try (rs) {
            ResultSet rows = unwrapped ? rs.unwrap(org.postgresql.jdbc.PgResultSet.class) : rs;
            int n = 0;
            while (rows.next()) {
                n++;
            }
            return n;
        }
    }
}
