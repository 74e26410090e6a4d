package dev.polyref.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A quick allocation breakdown of {@link EndToEndBenchmark}'s variants and their parts, without JMH: bytes
 * allocated by this thread per operation after warm-up ({@code ThreadMXBean.getThreadAllocatedBytes}, the
 * counter JMH's {@code gc.alloc.rate.norm} is built on), so it does not depend on load. For finding what to cut;
 * the figures to quote come from JMH's {@code -prof gc}. Arguments: sizes (default 1000 10000 100000).
 */
public final class AllocationProbe {

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {1000, 10_000, 100_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int size : sizes) {
            EndToEndBenchmark b = new EndToEndBenchmark();
            b.size = size;
            b.latencyMicros = Long.getLong("latency", 0L);
            b.setUp();
            System.out.printf("M=%d%n", size);
            report(threads, "raw JDBC per type", b::rawJdbcPerType);
            report(threads, "raw JDBC LATERAL", b::rawJdbcLateral);
            report(threads, "Polyref prefetch", b::polyrefPrefetch);
            report(threads, "Polyref one round trip", b::polyrefOneRoundTrip);
            report(threads, "Polyref fetch", b::polyrefFetch);
            report(threads, "JDBC into jOOQ records", b::rawJdbcIntoJooqRecords);
            report(threads, "jOOQ by hand", b::jooqByHand);
            report(threads, "  raw page only", b::rawPageOnly);
            report(threads, "  jOOQ page only", b::jooqPageOnly);
            report(threads, "  Polyref prefetch only", b::prefetchOnly);
            int rounds = Integer.getInteger("rounds", 0);
            if (rounds > 0) {
                medians(rounds, new String[] {"raw JDBC per type", "raw JDBC LATERAL", "Polyref prefetch",
                        "Polyref one round trip", "Polyref fetch", "JDBC into jOOQ records", "jOOQ by hand",
                        "raw page only", "jOOQ page only", "Polyref prefetch only"},
                        List.of(b::rawJdbcPerType, b::rawJdbcLateral, b::polyrefPrefetch, b::polyrefOneRoundTrip,
                                b::polyrefFetch, b::rawJdbcIntoJooqRecords, b::jooqByHand, b::rawPageOnly,
                                b::jooqPageOnly, b::prefetchOnly));
            }
            if (System.getProperty("loop") != null) {
                long end = System.nanoTime() + Long.getLong("loop") * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    b.prefetchOnly();
                }
            }
            b.tearDown();
        }
        System.exit(0);
    }

    /** Interleaved rounds (each variant once per round, in rotating order): median ms per variant. */
    private static void medians(int rounds, String[] names, List<Callable<?>> ops) throws Exception {
        long[][] ns = new long[ops.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < ops.size(); k++) {
                int v = (k + r) % ops.size();
                long start = System.nanoTime();
                ops.get(v).call();
                ns[v][r] = System.nanoTime() - start;
            }
        }
        for (int v = 0; v < ops.size(); v++) {
            long[] sorted = ns[v].clone();
            java.util.Arrays.sort(sorted);
            System.out.printf("  median %-26s %8.2f ms (of %d interleaved rounds)%n", names[v],
                    sorted[rounds / 2] / 1e6, rounds);
        }
    }

    private static void report(ThreadMXBean threads, String name, Callable<?> op) throws Exception {
        int reps = Integer.getInteger("reps", 10);
        for (int i = 0; i < reps; i++) {
            op.call();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            op.call();
        }
        long ms = (System.nanoTime() - start) / reps / 1_000_000;
        long bytes = (threads.getThreadAllocatedBytes(id) - before) / reps;
        System.out.printf("  %-26s %,14d B/op %,8d ms/op%n", name, bytes, ms);
    }
}
