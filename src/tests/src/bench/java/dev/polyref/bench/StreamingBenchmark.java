package dev.polyref.bench;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.Tables.ACTIVITY;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.generic.GenericResolver;
import dev.polyref.generic.Resolved;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
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
 * A whole feed of {@code rows} activities (4 types, 10% dangling) resolved two ways: {@link #streamed} with
 * {@code resolver.stream(key, select, chunk)} in a JVM limited to 256 MB of heap, and {@link #inMemory}, the
 * whole result fetched with its targets at once ({@code resolver.fetch(key, select)}, which needs gigabytes at
 * 10,000,000 rows). Both in a transaction
 * (pgjdbc streams only with auto-commit off), both count the targets found. Each fork prints its peak heap use.
 * The repeated run uses 1,000,000 rows; {@code -p rows=10000000 StreamingBenchmark.streamed} is the one-off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
public class StreamingBenchmark {

    @Param({"1000000"})
    public long rows;

    @Param({"10000"})
    public int chunk;

    private FeedDatabase db;
    private Connection connection;
    private DSLContext dsl;
    private GenericResolver resolver;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        db = new FeedDatabase(rows);
        connection = db.connect(null);
        connection.setAutoCommit(false);
        dsl = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        PolyrefContext polyref = Polyref.configure().models(Models.ALL).load().using(dsl);
        polyref.contentTypes().fetchAll();
        resolver = polyref.resolver();
        connection.commit();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%n[streaming] rows=%d max heap %d MB, peak heap used %d MB (sum of pool peaks)%n", rows,
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
        connection.close();
        db.close();
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {"-Xmx256m", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"})
    public long streamed() throws Exception {
        long found = 0;
        try (Stream<Resolved<ActivityRecord>> feed = resolver.stream(ACTIVITY_TARGET,
                dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID), chunk)) {
            found = feed.filter(r -> r.findTarget().isPresent()).count();
        } finally {
            connection.rollback();
        }
        return check(found);
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {"-Xmx6g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"})
    public long inMemory() throws Exception {
        long found = 0;
        try {
            // Polyref's fastest in-memory path: the whole result and its targets in one fetch
            for (Resolved<ActivityRecord> r : resolver.fetch(ACTIVITY_TARGET,
                    dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID))) {
                found += r.findTarget().isPresent() ? 1 : 0;
            }
        } finally {
            connection.rollback();
        }
        return check(found);
    }

    private long check(long found) {
        if (found != rows - rows / 10) {
            throw new IllegalStateException("expected " + (rows - rows / 10) + " targets, found " + found);
        }
        return found;
    }
}
