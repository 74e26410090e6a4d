package dev.polyref.bench.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * One measured operation. {@link #prepare} sets up untimed what {@link #run} needs; {@link #run} returns the
 * number of operations it did (rows or statements, as {@link #unit} says). Connections are in autocommit mode,
 * so a single-row workload is one statement and one commit per operation, as in an OLTP service.
 */
enum Workload {

    INSERT_REFERENCE("insert a referencing row (1 row per statement and commit)", "op") {
        @Override
        int run(Connection c, Variant v, int ct, Settings s, long base) throws SQLException {
            SplittableRandom random = new SplittableRandom(base);
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into " + v.referencing() + " (ct, oid, note) values (?, ?, 'x')")) {
                for (int i = 0; i < s.singleOps(); i++) {
                    insert.setInt(1, ct);
                    insert.setLong(2, 1 + random.nextInt(s.targets()));
                    insert.executeUpdate();
                }
            }
            return s.singleOps();
        }
    },

    INSERT_REFERENCES_BULK("insert 10,000 referencing rows in one statement", "row") {
        @Override
        int run(Connection c, Variant v, int ct, Settings s, long base) throws SQLException {
            execute(c, "insert into " + v.referencing() + " (ct, oid, note) select " + ct + ", 1 + (g * 7919) % "
                    + s.targets() + ", 'x' from generate_series(1, 10000) g");
            return 10_000;
        }
    },

    DELETE_TARGET("delete a target with 2 referencing rows (1 per statement and commit)", "op") {
        @Override
        void prepare(Connection c, Variant v, int ct, Settings s, long base) throws SQLException {
            fill(c, v, ct, base, s.singleOps() / 2);
        }

        @Override
        int run(Connection c, Variant v, int ct, Settings s, long base) throws SQLException {
            int n = s.singleOps() / 2;
            try (PreparedStatement delete = c.prepareStatement("delete from " + v.target() + " where id = ?")) {
                for (int i = 0; i < n; i++) {
                    delete.setLong(1, base + i);
                    delete.executeUpdate();
                }
            }
            return n;
        }
    },

    DELETE_TARGETS_BULK("delete 5,000 targets with 2 referencing rows each in one statement", "target") {
        @Override
        void prepare(Connection c, Variant v, int ct, Settings s, long base) throws SQLException {
            fill(c, v, ct, base, 5_000);
        }

        @Override
        int run(Connection c, Variant v, int ct, Settings s, long base) throws SQLException {
            execute(c, "delete from " + v.target() + " where id between " + base + " and " + (base + 4_999));
            return 5_000;
        }
    },

    INSERT_TARGET("insert a target row (1 row per statement and commit)", "op") {
        @Override
        int run(Connection c, Variant v, int ct, Settings s, long base) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("insert into " + v.target() + " values (?, 'new')")) {
                for (int i = 0; i < s.singleOps(); i++) {
                    insert.setLong(1, base + i);
                    insert.executeUpdate();
                }
            }
            return s.singleOps();
        }
    },

    INSERT_TARGETS_BULK("insert 10,000 target rows in one statement", "row") {
        @Override
        int run(Connection c, Variant v, int ct, Settings s, long base) throws SQLException {
            execute(c, "insert into " + v.target() + " select g, 'new' from generate_series(" + base + ", "
                    + (base + 9_999) + ") g");
            return 10_000;
        }
    };

    final String description;
    final String unit;

    Workload(String description, String unit) {
        this.description = description;
        this.unit = unit;
    }

    /** Untimed set-up for one run; {@code base} is a fresh id range of this run. */
    void prepare(Connection c, Variant v, int ct, Settings s, long base) throws SQLException {
        // nothing by default
    }

    abstract int run(Connection c, Variant v, int ct, Settings s, long base) throws SQLException;

    /** Targets {@code base .. base+n-1}, two referencing rows each. */
    static void fill(Connection c, Variant v, int ct, long base, int n) throws SQLException {
        execute(c, "insert into " + v.target() + " select g, 'd' from generate_series(" + base + ", " + (base + n - 1)
                + ") g");
        execute(c, "insert into " + v.referencing() + " (ct, oid, note) select " + ct + ", g, 'd' from "
                + "generate_series(" + base + ", " + (base + n - 1) + ") g, generate_series(1, 2)");
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Sizes, from system properties. */
    record Settings(int rounds, int singleOps, int targets) {

        static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("bench.rounds", 7), Integer.getInteger("bench.ops", 4000),
                    Integer.getInteger("bench.targets", 10_000));
        }
    }
}
