package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interleavings that break trigger-based integrity, replayed step by step on two connections. A trigger's
 * cascade runs in the deleting transaction's snapshot and misses a reference committed after it; PostgreSQL's RI
 * (which the registry design uses) looks with a fresh snapshot and either cascades to it or fails the deleting
 * transaction with a serialization error.
 */
@PolyrefTest
class InterleavingTest {

    private final TestDatabase db;
    private final DSLContext dsl;
    private static int contentType;
    private static long nextTarget = 1;

    InterleavingTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeAll
    static void schema(TestDatabase db) {
        IntegritySchema s = IntegritySchema.create(db.dsl(), "il");
        s.enforce(OnDelete.CASCADE, "t");
        contentType = s.contentType("t");
    }

    @ParameterizedTest
    @ValueSource(ints = {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE})
    void aDeleteWhoseSnapshotMissedANewReferenceFailsInsteadOfOrphaningIt(int isolation) throws Exception {
        long x = nextTarget++;
        try (Connection a = db.dataSource().getConnection(); Connection b = db.dataSource().getConnection()) {
            execute(b, "insert into il.t (id) values (" + x + ")");
            a.setAutoCommit(false);
            a.setTransactionIsolation(isolation);
            execute(a, "select count(*) from il.t");                                  // A's snapshot
            execute(b, "insert into il.r (ct, oid) values (" + contentType + ", " + x + ")");   // B commits
            assertThatThrownBy(() -> execute(a, "delete from il.t where id = " + x))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"));
            a.rollback();
            // The retry sees B's row and cascades to it
            execute(a, "delete from il.t where id = " + x);
            a.commit();
        }
        assertThat(dsl.fetchCount(DSL.table("il.r"), DSL.condition("oid = " + x))).isZero();
    }

    @Test
    void underReadCommittedTheDeleteWaitsForTheNewReferenceAndCascadesToIt() throws Exception {
        long x = nextTarget++;
        try (Connection a = db.dataSource().getConnection(); Connection b = db.dataSource().getConnection()) {
            execute(b, "insert into il.t (id) values (" + x + ")");
            b.setAutoCommit(false);
            execute(b, "insert into il.r (ct, oid) values (" + contentType + ", " + x + ")");   // not committed
            Thread deleter = new Thread(() -> {
                try {
                    execute(a, "delete from il.t where id = " + x);   // blocks on B's FOR KEY SHARE lock
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            deleter.start();
            Thread.sleep(300);
            assertThat(deleter.isAlive()).as("the delete waits for the inserting transaction").isTrue();
            b.commit();
            deleter.join(10_000);
            assertThat(deleter.isAlive()).isFalse();
        }
        assertThat(dsl.fetchCount(DSL.table("il.r"), DSL.condition("oid = " + x))).isZero();
        assertThat(dsl.fetchCount(DSL.table("il.t"), DSL.condition("id = " + x))).isZero();
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
