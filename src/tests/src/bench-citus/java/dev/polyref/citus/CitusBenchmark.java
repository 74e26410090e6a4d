package dev.polyref.citus;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.VIDEO;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.embedded.EmbeddedPostgresServer;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.migration.PolyrefMigrations;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;

/**
 * The same feed on one PostgreSQL server and on the 3-node Citus cluster, in one run (docs/scale-out.md):
 *
 * <pre>
 * mvn -B -Dpolyref.quick -Pbench-citus -DskipTests verify -pl src/tests -am -Dinvoker.skip \
 *     -Dbench.sizes=100000,1000000 -Dbench.types=1,5
 * </pre>
 *
 * For each size N and number of content types T: loads T target tables (N / 10 rows each; video, post and users
 * distributed, song and bookmark reference tables on the cluster) and N activities of 1,000 users spread evenly
 * over the T types, then measures, with statement counts: one user's feed page (100 activities and their
 * targets), the targets of 10,000 activities (prefetch, one = ANY query per type), the feed of 100 videos (a
 * reverse relation), and polyref.dangling_references() over the whole table (what {@code polyref check} runs).
 * Each measured step runs 3 times; the best time is reported. Skips the cluster, saying why, when it is not there.
 */
public final class CitusBenchmark {

    private static final List<String> TYPES = List.of("video", "song", "post", "bookmark", "users");
    private static final int USERS = 1_000;

    private CitusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = ints(System.getProperty("bench.sizes", "100000,1000000"));
        List<Integer> typeCounts = ints(System.getProperty("bench.types", "1,5"));
        List<String> rows = new ArrayList<>();
        rows.add("| server | activities | types | load s | feed page ms (stmts) | prefetch 10,000 ms (stmts) "
                + "| relation 100 videos ms (stmts) | dangling check ms (stmts) |");
        rows.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        String clusterSkipped = null;
        try (EmbeddedPostgresServer single = EmbeddedPostgresServer.start()) {
            migrate(single.dataSource("postgres"));
            try (Connection c = single.dataSource("postgres").getConnection()) {
                run("one server (PostgreSQL " + single.serverVersion() + ")", c, sizes, typeCounts, rows);
            }
        }
        try {
            CitusCluster.assumeAvailable();
            try (Connection c = CitusCluster.dataSource().getConnection()) {
                run("Citus 3 nodes (PostgreSQL 15)", c, sizes, typeCounts, rows);
            }
        } catch (org.opentest4j.TestAbortedException e) {
            clusterSkipped = e.getMessage();
        }
        System.out.println();
        rows.forEach(System.out::println);
        if (clusterSkipped != null) {
            System.out.println("Cluster skipped: " + clusterSkipped);
        }
    }

    private static void migrate(DataSource ds) {
        String dir = Files.isDirectory(Path.of("migrations/example-citus")) ? "migrations/example-citus"
                : "../../migrations/example-citus";
        Flyway.configure().dataSource(ds).locations("filesystem:" + dir).schemas("example")
                .callbacks(PolyrefMigrations.callback()).load().migrate();
    }

    private static void run(String server, Connection connection, List<Integer> sizes, List<Integer> typeCounts,
            List<String> rows) {
        StatementCounter counter = new StatementCounter();
        DSLContext dsl = TestDatabase.dsl(connection, counter);
        dsl.execute("set citus.enable_repartition_joins = on");   // a placeholder without Citus
        for (int size : sizes) {
            for (int types : typeCounts) {
                long load = System.nanoTime();
                load(dsl, size, types);
                double loadSeconds = (System.nanoTime() - load) / 1e9;
                PolyrefContext polyref = Polyref.configure().models(Models.ALL).load().using(dsl);
                polyref.contentTypes().fetchAll();
                var resolver = polyref.resolver();
                String page = measure(counter, () -> {
                    List<ActivityRecord> feed = dsl.selectFrom(ACTIVITY).where(ACTIVITY.USER_ID.eq(7L))
                            .orderBy(ACTIVITY.ID.desc()).limit(100).fetch();
                    return resolver.prefetch(ACTIVITY_TARGET, feed);
                });
                List<ActivityRecord> tenThousand = dsl.selectFrom(ACTIVITY).where(ACTIVITY.ID.le(10_000L)).fetch();
                String prefetch = measure(counter, () -> resolver.prefetch(ACTIVITY_TARGET, tenThousand));
                explainPrefetch(dsl, server, size, types);
                List<VideoRecord> videos = dsl.selectFrom(VIDEO).where(VIDEO.ID.le(100L)).fetch();
                var feedOf = polyref.relation(GenericRelations.VIDEO__ACTIVITY_TARGET);
                String relation = videos.isEmpty() ? "-" : measure(counter, () -> feedOf.prefetch(videos));
                String dangling = measure(counter, () -> dsl.fetch("select * from polyref.dangling_references()"));
                rows.add(String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %s | %s | %s | %s |", server, size,
                        types, loadSeconds, page, prefetch, relation, dangling));
                System.out.println(rows.get(rows.size() - 1));
            }
        }
    }

    /**
     * Where the prefetch's time goes: EXPLAIN (ANALYZE) of the resolver's query for the videos among the 10,000
     * activities (ids 1..10,000 / T), with the array bound two ways. "typed": an int8[] parameter, as the resolver
     * binds bigint ids (BigintArrayBinding): each shard's query gets a constant array, and a seq scan filters with
     * a hash of it. "text": a varchar parameter cast to int8[], as round 3's resolver bound them (and as it still
     * binds uuid and text ids): Citus ships the cast to the shards, where it is no constant (array_in is stable),
     * and a seq scan parses the whole array again for every row (docs/scale-out.md).
     */
    private static void explainPrefetch(DSLContext dsl, String server, int size, int types) {
        Long[] ids = new Long[10_000 / types];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1L;
        }
        dsl.connection(c -> {
            for (String form : List.of("typed", "text")) {
                String sql = "explain (analyze, verbose, summary) select * from example.video where video.id "
                        + "operator(pg_catalog.=) any (" + (form.equals("typed") ? "?" : "cast(? as pg_catalog.int8[])")
                        + ")";
                List<String> plan = new ArrayList<>();
                try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                    if (form.equals("typed")) {
                        ps.setArray(1, c.createArrayOf("int8", ids));
                    } else {
                        ps.setString(1, java.util.Arrays.stream(ids).map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(",", "{", "}")));
                    }
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String line = rs.getString(1).strip().replaceAll("'\\{[^}]*\\}'", "'{...}'");
                            if (line.matches("(->\\s+)?(Seq Scan|Index Scan|Bitmap|Custom Scan).*")
                                    || line.matches("(Filter|Index Cond|Task Count|Planning Time|Execution Time).*")) {
                                plan.add(line);
                            }
                        }
                    }
                }
                System.out.printf("[explain] %s, %,d activities, %d types, %,d video ids, %s array: %s%n", server,
                        size, types, ids.length, form, plan);
            }
        });
    }

    /** Empties the tables and loads N activities over the first {@code types} target tables. */
    private static void load(DSLContext dsl, int size, int types) {
        dsl.execute("truncate example.activity, example.tagged_item, example.video, example.song, example.post, "
                + "example.bookmark, example.users, example.playlist_entry");
        int perType = size / 10;
        dsl.execute("insert into example.users (id, username) select n, 'user ' || n "
                + "from pg_catalog.generate_series(1, " + Math.max(USERS, perType) + ") n");
        for (String table : TYPES.subList(0, types)) {
            if (table.equals("users")) {
                continue;
            }
            String columns = switch (table) {
                case "song" -> "id, title, artist) select n, 'song ' || n, 'artist'";
                case "bookmark" -> "id, url) select n, 'https://example.com/' || n";
                default -> "id, title) select n, '" + table + " ' || n";
            };
            dsl.execute("insert into example." + table + " (" + columns
                    + " from pg_catalog.generate_series(1, " + perType + ") n");
        }
        String typeArray = "array['" + String.join("','", TYPES.subList(0, types)) + "']";
        // Activity n: user n % 1,000 + 1, type n % T, object n / T % (N / 10) + 1; ids 1..N
        dsl.execute("insert into example.activity (id, user_id, action, content_type_id, object_id) "
                + "select n + 1, n % " + USERS + " + 1, 'did', ct.id, (n / " + types + ") % " + perType + " + 1 "
                + "from pg_catalog.generate_series(0, " + (size - 1) + ") n "
                + "join polyref.content_type ct on ct.app_label = 'example' "
                + "and ct.model = (" + typeArray + ")[n % " + types + " + 1]");
        dsl.execute("analyze example.activity");
        dsl.execute("analyze example.video");
    }

    /** The best of 3 runs, in ms, and the statements of one run. */
    private static String measure(StatementCounter counter, Supplier<?> step) {
        long best = Long.MAX_VALUE;
        int statements = 0;
        for (int i = 0; i < 3; i++) {
            counter.reset();
            long start = System.nanoTime();
            step.get();
            best = Math.min(best, System.nanoTime() - start);
            statements = counter.count();
        }
        return String.format(Locale.ROOT, "%.1f (%d)", best / 1e6, statements);
    }

    private static List<Integer> ints(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            out.add(Integer.parseInt(s.strip()));
        }
        return out;
    }
}
