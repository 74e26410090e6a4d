package dev.polyref.bench.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The interleaving that separates the designs: transaction A (REPEATABLE READ or SERIALIZABLE) takes its
 * snapshot; B inserts a row referencing target X and commits; A deletes X and commits. PostgreSQL's own RI
 * (ordinary FK, registry) finds B's row with a fresh snapshot and cascades to it or fails A with a serialization
 * error; a trigger's cascade runs in A's snapshot, misses B's row and leaves it dangling.
 */
final class IsolationCheck {

    private static final int TRIALS = 20;

    private IsolationCheck() {}

    static String run(DataSource dataSource, Map<Variant, Integer> contentTypes) throws SQLException {
        StringBuilder out = new StringBuilder("\nInterleaving check (" + TRIALS + " trials each): A snapshots, "
                + "B references X and commits, A deletes X\n\n| variant | isolation of A | isolation of B "
                + "| A committed "
                + "| A failed (serialization) | dangling rows left by these trials |\n|---|---|---|---|---|---|\n");
        long x = 50_000_000;
        int[][] levels = {
            {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_READ_COMMITTED},
            {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_REPEATABLE_READ},
            {Connection.TRANSACTION_SERIALIZABLE, Connection.TRANSACTION_READ_COMMITTED},
            {Connection.TRANSACTION_SERIALIZABLE, Connection.TRANSACTION_SERIALIZABLE},
        };
        for (Variant v : List.of(Variant.FK, Variant.REGISTRY, Variant.PARTITIONED, Variant.TRIGGER, Variant.SHADOW)) {
            for (int[] level : levels) {
                int committed = 0;
                int failed = 0;
                long before = dangling(dataSource, v);
                try (Connection a = dataSource.getConnection(); Connection b = dataSource.getConnection()) {
                    a.setAutoCommit(false);
                    a.setTransactionIsolation(level[0]);
                    b.setTransactionIsolation(level[1]);   // autocommit: each statement its own transaction
                    for (int i = 0; i < TRIALS; i++) {
                        x++;
                        Workload.execute(b, "insert into " + v.target() + " values (" + x + ", 'x')");
                        Workload.execute(a, "select count(*) from " + v.target() + " where id = " + x);
                        try {
                            Workload.execute(b, "insert into " + v.referencing() + " (ct, oid, note) values ("
                                    + contentTypes.get(v) + ", " + x + ", 'late')");
                            Workload.execute(a, "delete from " + v.target() + " where id = " + x);
                            a.commit();
                            committed++;
                        } catch (SQLException e) {
                            a.rollback();
                            if (!"40001".equals(e.getSQLState())) {
                                throw e;
                            }
                            failed++;
                        }
                    }
                }
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d |%n", v.label, name(level[0]),
                        name(level[1]), committed, failed, dangling(dataSource, v) - before));
            }
        }
        return out.toString();
    }

    private static String name(int isolation) {
        return switch (isolation) {
            case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            default -> "SERIALIZABLE";
        };
    }

    private static long dangling(DataSource dataSource, Variant v) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from " + v.referencing() + " r where r.oid is not null and not exists "
                        + "(select from " + v.target() + " t where t.id = r.oid)");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
