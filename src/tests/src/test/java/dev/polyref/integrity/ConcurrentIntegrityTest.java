package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Four connections insert referencing rows (through a bigint and a text generic key, both ON DELETE CASCADE) and
 * delete and insert targets at random, 10,000 operations, under each isolation level; serialization failures and
 * deadlocks are retried. Afterwards no reference points at a missing row, the registry mirrors the targets
 * exactly, and every committed referencing row is accounted for: still there, or deleted by a cascade (an audit
 * trigger records each deletion in the deleting transaction).
 */
@PolyrefTest
class ConcurrentIntegrityTest {

    private static final int WORKERS = 4;
    private static final int OPERATIONS = 10_000;
    private static final int INITIAL_TARGETS = 200;
    /** Inserts and deletes pick targets among the newest ones, so they collide often. */
    private static final int WINDOW = 120;

    private final TestDatabase db;
    private final DSLContext dsl;

    ConcurrentIntegrityTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"})
    void concurrentInsertsAndDeletesLeaveNoOrphanAndLoseNoRow(String isolation) throws Exception {
        String schema = "cc_" + isolation.replace(' ', '_').toLowerCase(Locale.ROOT);
        int ct = createSchema(schema);
        Run run = new Run(schema, ct, isolation);

        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        long began = System.nanoTime();
        try {
            for (int w = 0; w < WORKERS; w++) {
                long seed = 1000L * w + isolation.hashCode();
                workers.add(pool.submit(() -> {
                    start.await();
                    run.work(new SplittableRandom(seed), OPERATIONS / WORKERS);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        for (String ref : List.of("r_big", "r_text")) {
            String join = ref.equals("r_big") ? "t.id = r.oid" : "t.id::text = r.oid";
            long orphans = count("select count(*) from " + schema + "." + ref + " r where not exists (select from "
                    + schema + ".t t where " + join + ")");
            Set<Long> remaining = ids("select id from " + schema + "." + ref);
            Set<Long> cascaded = ids("select ref_id from " + schema + ".audit where ref_table = '" + ref + "'");
            Set<Long> committed = run.committed(ref);
            System.out.printf(Locale.ROOT, "[integrity-concurrency] %s %s: %d committed inserts = %d remaining + %d "
                    + "removed by cascade; orphans %d%n", isolation, ref, committed.size(), remaining.size(),
                    cascaded.size(), orphans);
            assertThat(orphans).as("references to missing rows in " + ref).isZero();
            assertThat(intersection(remaining, cascaded)).as("rows both remaining and cascaded").isEmpty();
            Set<Long> accounted = new HashSet<>(remaining);
            accounted.addAll(cascaded);
            assertThat(accounted).as("remaining + cascaded = committed inserts of " + ref)
                    .hasSize(committed.size()).isEqualTo(committed);
        }
        assertThat(count("select count(*) from " + schema + ".audit a where exists (select from " + schema
                + ".t t where t.id::text = a.oid)")).as("a cascade only removes rows of deleted targets").isZero();
        assertThat(count("select count(*) from (select id from " + schema + ".t except select object_id "
                + "from polyref.object_bigint where content_type_id = " + ct + ") missing")
                + count("select count(*) from (select object_id from polyref.object_bigint where content_type_id = "
                + ct + " except select id from " + schema + ".t) extra")
                + count("select count(*) from (select id::text from " + schema + ".t except select object_id "
                + "from polyref.object_text where content_type_id = " + ct + ") missing")
                + count("select count(*) from (select object_id from polyref.object_text where content_type_id = "
                + ct + " except select id::text from " + schema + ".t) extra"))
                .as("the registry mirrors the targets").isZero();
        System.out.printf(Locale.ROOT, "[integrity-concurrency] %s: %d operations by %d connections in %d ms: "
                + "%d transactions committed, %d rejected (target already gone), %d retried "
                + "(serialization failure or deadlock), %d targets deleted%n", isolation, run.operations.get(),
                WORKERS, millis, run.commits.get(), run.rejected.get(), run.retries.get(), run.deletedTargets.get());
        assertThat(run.operations.get()).isEqualTo(OPERATIONS);
        assertThat(run.deletedTargets.get()).as("the run deleted targets").isPositive();
        assertThat(run.cascadedAny(this)).as("some cascades happened").isTrue();
    }

    private int createSchema(String schema) {
        dsl.execute("create schema " + schema);
        dsl.execute("create table " + schema + ".t (id bigint primary key)");
        dsl.execute("create table " + schema + ".r_big (id bigint generated always as identity primary key, "
                + "ct integer not null references polyref.content_type (id), oid bigint not null)");
        dsl.execute("create table " + schema + ".r_text (id bigint generated always as identity primary key, "
                + "ct integer not null references polyref.content_type (id), oid text not null)");
        dsl.execute("create index on " + schema + ".r_big (ct, oid)");
        dsl.execute("create index on " + schema + ".r_text (ct, oid)");
        dsl.execute("create table " + schema + ".audit (ref_table text not null, ref_id bigint not null, "
                + "oid text not null)");
        dsl.execute("create function " + schema + ".audit() returns trigger language plpgsql as $$ begin "
                + "insert into " + schema + ".audit values (tg_table_name, old.id, old.oid::text); return null; "
                + "end $$");
        for (String ref : List.of("r_big", "r_text")) {
            dsl.execute("create trigger audit after delete on " + schema + "." + ref + " for each row execute "
                    + "function " + schema + ".audit()");
        }
        dsl.execute("insert into " + schema + ".t select generate_series(1, " + INITIAL_TARGETS + ")");
        dsl.execute("select polyref.sync_content_types(array['" + schema + "'])");
        GenericKeyIntegrity integrity = GenericKeyIntegrity.using(dsl);
        for (String ref : List.of("r_big", "r_text")) {
            dsl.execute("select polyref.declare_generic_key({0}::regclass, 'target', 'ct', 'oid', "
                    + "array[{1}]::regclass[], 'cascade')", DSL.val(schema + "." + ref), DSL.val(schema + ".t"));
            integrity.enforce(DSL.table(DSL.name(schema, ref)), "target");
        }
        return dsl.resultQuery("select id from polyref.content_type where app_label = {0} and model = 't'",
                DSL.val(schema)).fetchSingle().get(0, Integer.class);
    }

    private long count(String sql) {
        return dsl.resultQuery(sql).fetchSingle().get(0, Long.class);
    }

    private Set<Long> ids(String sql) {
        return new HashSet<>(dsl.resultQuery(sql).fetch(r -> r.get(0, Long.class)));
    }

    private static Set<Long> intersection(Set<Long> a, Set<Long> b) {
        Set<Long> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    /** The shared state of one run: what committed, what was retried. */
    private final class Run {

        private final String schema;
        private final int ct;
        private final int isolation;
        private final AtomicLong nextTarget = new AtomicLong(INITIAL_TARGETS + 1);
        private final AtomicLong operations = new AtomicLong();
        private final AtomicLong commits = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();
        private final AtomicLong deletedTargets = new AtomicLong();
        private final Set<Long> committedBig = ConcurrentHashMap.newKeySet();
        private final Set<Long> committedText = ConcurrentHashMap.newKeySet();

        Run(String schema, int ct, String isolation) {
            this.schema = schema;
            this.ct = ct;
            this.isolation = switch (isolation) {
                case "READ COMMITTED" -> Connection.TRANSACTION_READ_COMMITTED;
                case "REPEATABLE READ" -> Connection.TRANSACTION_REPEATABLE_READ;
                default -> Connection.TRANSACTION_SERIALIZABLE;
            };
        }

        Set<Long> committed(String ref) {
            return ref.equals("r_big") ? committedBig : committedText;
        }

        boolean cascadedAny(ConcurrentIntegrityTest test) {
            return test.count("select count(*) from " + schema + ".audit") > 0;
        }

        void work(SplittableRandom random, int quota) throws SQLException {
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement insertBig = c.prepareStatement(
                            "insert into " + schema + ".r_big (ct, oid) values (?, ?) returning id");
                    PreparedStatement insertText = c.prepareStatement(
                            "insert into " + schema + ".r_text (ct, oid) values (?, ?) returning id");
                    PreparedStatement deleteTarget = c.prepareStatement("delete from " + schema + ".t where id = ?");
                    PreparedStatement insertTarget = c.prepareStatement("insert into " + schema + ".t values (?)")) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(isolation);
                int done = 0;
                while (done < quota) {
                    // One transaction: one or two operations, chosen up front so a retry repeats them exactly
                    int size = Math.min(quota - done, 1 + random.nextInt(2));
                    List<long[]> ops = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        int kind = random.nextInt(100);
                        long high = nextTarget.get() - 1;
                        long target = Math.max(1, high - WINDOW) + random.nextLong(Math.min(high, WINDOW) + 1);
                        ops.add(new long[] {kind < 30 ? 0 : kind < 55 ? 1 : kind < 80 ? 2 : 3, target});
                    }
                    transaction(c, ops, insertBig, insertText, deleteTarget, insertTarget);
                    done += size;
                    operations.addAndGet(size);
                }
            }
        }

        private void transaction(Connection c, List<long[]> ops, PreparedStatement insertBig,
                PreparedStatement insertText, PreparedStatement deleteTarget, PreparedStatement insertTarget)
                throws SQLException {
            for (int attempt = 0; ; attempt++) {
                List<Long> big = new ArrayList<>();
                List<Long> text = new ArrayList<>();
                int deleted = 0;
                try {
                    for (long[] op : ops) {
                        switch ((int) op[0]) {
                            case 0 -> big.add(insertReference(insertBig, op[1], false));
                            case 1 -> text.add(insertReference(insertText, op[1], true));
                            case 2 -> {
                                deleteTarget.setLong(1, op[1]);
                                deleted += deleteTarget.executeUpdate();
                            }
                            default -> {
                                insertTarget.setLong(1, nextTarget.getAndIncrement());
                                insertTarget.executeUpdate();
                            }
                        }
                    }
                    c.commit();
                    commits.incrementAndGet();
                    committedBig.addAll(big);
                    committedText.addAll(text);
                    deletedTargets.addAndGet(deleted);
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    String state = e.getSQLState();
                    if ("23503".equals(state)) {
                        rejected.incrementAndGet();   // pointed at a target deleted meanwhile: correctly refused
                        return;
                    }
                    if (("40001".equals(state) || "40P01".equals(state)) && attempt < 100) {
                        retries.incrementAndGet();
                        continue;
                    }
                    throw e;
                }
            }
        }

        private long insertReference(PreparedStatement insert, long target, boolean text) throws SQLException {
            insert.setInt(1, ct);
            if (text) {
                insert.setString(2, Long.toString(target));
            } else {
                insert.setLong(2, target);
            }
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
