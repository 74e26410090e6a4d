package dev.polyref.generic;

import dev.polyref.Polyref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.Model;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One-round-trip mode at a size where sending every statement in one call used to deadlock (issue 8 item 11):
 * pgjdbc writes a call's statements and binds before it reads, the server answers the first statements while
 * the driver still writes, and once both directions' socket buffers are full both sides wait forever.
 */
@PolyrefTest
class OneRoundTripLimitTest {

    private static final List<Model<?, Long>> TYPES = List.of(Models.VIDEO, Models.SONG,
            Models.POST, Models.BOOKMARK);
    /** Refs per type: ids 1 to 250,000 of each of 4 types, 1,000,000 distinct refs. */
    private static final int REFS_PER_TYPE = 250_000;
    /** Rows per table: refs above this id dangle (and are still sent to the server). */
    private static final int ROWS_PER_TABLE = 200_000;
    /** Fails rather than hangs: the old code never returned. */
    private static final long TIMEOUT_SECONDS = 120;

    private final TestDatabase db;

    OneRoundTripLimitTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aMillionRefsFinishInCallsOfBoundedSizeWithCorrectTargets() throws Exception {
        insertRowsOnTheServer();
        try (Connection connection = countingConnection()) {
            StatementCounter calls = new StatementCounter();
            DSLContext dsl = TestDatabase.dsl(connection, calls);
            PolyrefContext polyref = Polyref.configure().models(Models.ALL).load().using(dsl);
            ContentTypeRegistry registry = polyref.contentTypes();
            GenericResolver resolver = polyref.resolver().withOneRoundTrip(true);
            List<GenericRef<?>> refs = refs(registry);
            // Warm up: the catalogue, and pgjdbc's per-connection lookup of each result column's table
            resolver.prefetch(List.of(refs.get(0), refs.get(REFS_PER_TYPE), refs.get(2 * REFS_PER_TYPE),
                    refs.get(3 * REFS_PER_TYPE)));
            calls.reset();
            CountingSocketFactory.reset();

            Load load = loadWithin(connection, () -> resolver.prefetch(refs));

            System.out.printf("[OneRoundTripLimitTest] %,d refs in one-round-trip mode: %,d ms, %d JDBC calls, "
                    + "%d round trips, largest call %,d bytes, %,d MB allocated by the prefetch, %,d MB retained%n",
                    refs.size(), load.millis, calls.count(), CountingSocketFactory.bursts(),
                    CountingSocketFactory.largestBurst(), load.allocated >> 20, load.retained >> 20);
            assertThat(CountingSocketFactory.largestBurst()).as("bytes one call sends")
                    .isLessThanOrEqualTo(GenericResolver.ONE_ROUND_TRIP_BYTES);
            assertThat(CountingSocketFactory.bursts()).as("one network round trip per JDBC call")
                    .isEqualTo(calls.count());
            // The ids alone take 6.6 MB as text: at least that divided by the budget, and not wastefully more
            long idText = refs.stream().mapToLong(r -> r.objectId().toString().length() + 1).sum();
            int fewest = (int) (idText / GenericResolver.ONE_ROUND_TRIP_BYTES);
            assertThat(calls.count()).as("JDBC calls").isBetween(fewest, 2 * fewest);
            assertCorrect(load.targets, refs);
        }
    }

    @Test
    void uuidAndTextIdsAreMeasuredAsTheyAreSent() throws Exception {
        try (Connection connection = countingConnection()) {
            StatementCounter calls = new StatementCounter();
            DSLContext dsl = TestDatabase.dsl(connection, calls);
            PolyrefContext polyref = Polyref.configure().models(Models.ALL).load().using(dsl);
            ContentTypeRegistry registry = polyref.contentTypes();
            GenericResolver resolver = polyref.resolver().withOneRoundTrip(true);
            ContentType document = registry.get(Models.DOCUMENT);
            ContentType page = registry.get(Models.PAGE);
            List<GenericRef<?>> refs = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                refs.add(new GenericRef<>(document, new java.util.UUID(i, -i)));
                // quotes, backslashes and 2-, 3- and 4-byte characters: escaped and multi-byte on the wire
                refs.add(new GenericRef<>(page, "p\"a\\g\u00e9\u20ac\ud83d\ude00 " + i));
            }
            resolver.prefetch(refs.subList(0, 2));
            calls.reset();
            CountingSocketFactory.reset();

            Load load = loadWithin(connection, () -> resolver.prefetch(refs));

            assertThat(load.targets.size()).as("all dangling").isZero();
            assertThat(CountingSocketFactory.largestBurst()).as("bytes one call sends")
                    .isLessThanOrEqualTo(GenericResolver.ONE_ROUND_TRIP_BYTES)
                    .isGreaterThan(GenericResolver.ONE_ROUND_TRIP_BYTES * 3 / 4);
            assertThat(CountingSocketFactory.bursts()).isEqualTo(calls.count());
        }
    }

    private void insertRowsOnTheServer() {
        DSLContext dsl = db.dsl();
        dsl.execute("insert into example.video (id, title) select n, 'v' || n "
                + "from pg_catalog.generate_series(1, {0}) n on conflict do nothing", ROWS_PER_TABLE);
        dsl.execute("insert into example.song (id, title, artist) select n, 's' || n, 'a' "
                + "from pg_catalog.generate_series(1, {0}) n on conflict do nothing", ROWS_PER_TABLE);
        dsl.execute("insert into example.post (id, title) select n, 'p' || n "
                + "from pg_catalog.generate_series(1, {0}) n on conflict do nothing", ROWS_PER_TABLE);
        dsl.execute("insert into example.bookmark (id, url) select n, 'b' || n "
                + "from pg_catalog.generate_series(1, {0}) n on conflict do nothing", ROWS_PER_TABLE);
    }

    /** A connection of its own whose socket measures each round trip. */
    private Connection countingConnection() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        if (!db.user().isEmpty()) {
            ds.setUser(db.user());
            ds.setPassword(db.password());
        }
        ds.setSocketFactory(CountingSocketFactory.class.getName());
        return ds.getConnection();
    }

    private static List<GenericRef<?>> refs(ContentTypeRegistry registry) {
        List<GenericRef<?>> refs = new ArrayList<>(TYPES.size() * REFS_PER_TYPE);
        for (Model<?, Long> type : TYPES) {
            ContentType contentType = registry.get(type);
            for (long id = 1; id <= REFS_PER_TYPE; id++) {
                refs.add(new GenericRef<>(contentType, id));
            }
        }
        return refs;
    }

    private static void assertCorrect(Prefetched targets, List<GenericRef<?>> refs) {
        assertThat(targets.size()).as("distinct live targets").isEqualTo(TYPES.size() * ROWS_PER_TABLE);
        for (Model<?, Long> type : TYPES) {
            assertThat(targets.targets(type)).as(type.naturalKey().toString()).hasSize(ROWS_PER_TABLE);
        }
        int found = 0;
        for (GenericRef<?> ref : refs) {
            boolean live = (Long) ref.objectId() <= ROWS_PER_TABLE;
            assertThat(targets.find(ref).isPresent()).as("%s", ref).isEqualTo(live);
            found += live ? 1 : 0;
        }
        assertThat(found).isEqualTo(TYPES.size() * ROWS_PER_TABLE);
        VideoRecord video = (VideoRecord) targets.find(refs.get(123_456 - 1)).orElseThrow();
        assertThat(video.getId()).isEqualTo(123_456L);
        assertThat(video.getTitle()).isEqualTo("v123456");
    }

    /** Runs the prefetch on another thread; on timeout closes the connection's socket and fails. */
    private static Load loadWithin(Connection connection, java.util.function.Supplier<Prefetched> prefetch)
            throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            long heapBefore = usedHeapAfterGc();
            Future<Load> future = executor.submit(() -> {
                var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                Prefetched targets = prefetch.get();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return new Load(targets, millis, threads.getCurrentThreadAllocatedBytes() - allocatedBefore, 0);
            });
            Load load;
            try {
                load = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException hung) {
                connection.abort(Runnable::run);   // closes the socket, which unblocks the driver's write
                return fail("prefetch still running after " + TIMEOUT_SECONDS + " s: driver and server deadlocked "
                        + "(largest burst so far " + CountingSocketFactory.largestBurst() + " bytes)");
            }
            return new Load(load.targets, load.millis, load.allocated, usedHeapAfterGc() - heapBefore);
        } finally {
            executor.shutdownNow();
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private record Load(Prefetched targets, long millis, long allocated, long retained) {}
}
