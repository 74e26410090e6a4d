package dev.polyref.bench.integrity;

import dev.polyref.bench.integrity.Workload.Settings;
import dev.polyref.embedded.EmbeddedPostgresServer;
import dev.polyref.migration.PolyrefMigrations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Measures what integrity costs: insert and delete throughput with integrity off, with an ordinary foreign key
 * to a single table (the baseline), with Polyref's object registry and with the constraint-trigger alternative,
 * all in one run on one embedded PostgreSQL (the build's, 18 unless {@code -Dpostgres-binaries.version} says
 * otherwise). Variants are interleaved round by round (the first round is a
 * warm-up) and each figure is the median over the rounds, so load from other processes hits all of them alike.
 *
 * <pre>
 * mvn -B -Pbench-integrity -DskipTests verify                         # defaults
 * mvn -B -Pbench-integrity -DskipTests verify -Dbench.rounds=9 -Dbench.ops=8000
 * mvn -B -Pbench-integrity -DskipTests verify -Dbench.variants=off,fk,reg,bare,sec   # some variants only
 * </pre>
 *
 * Before measuring, it runs the REPEATABLE READ interleaving that separates the two designs (see
 * {@link IsolationCheck}).
 */
public final class IntegrityBenchmark {

    private IntegrityBenchmark() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            server.createDatabase("bench", null);
            DataSource dataSource = server.dataSource("bench");
            PolyrefMigrations.migrate(dataSource);
            try (Connection c = dataSource.getConnection()) {
                Map<Variant, Integer> contentTypes = setUp(c, settings);
                System.out.println(IsolationCheck.run(dataSource, contentTypes));
                System.out.println(measure(c, contentTypes, settings));
            }
        }
    }

    private static Map<Variant, Integer> setUp(Connection c, Settings settings) throws SQLException, IOException {
        Workload.execute(c, resource("schema.sql"));
        Workload.execute(c, "select polyref.sync_content_types(array['bench'])");
        Map<Variant, Integer> contentTypes = new EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from polyref.content_type "
                    + "where app_label = 'bench' and model = 't_" + v.suffix + "'")) {
                rs.next();
                contentTypes.put(v, rs.getInt(1));
            }
        }
        Workload.execute(c, resource("triggers.sql")
                .replace("${CT}", Integer.toString(contentTypes.get(Variant.TRIGGER)))
                .replace("${CT_PRT}", Integer.toString(contentTypes.get(Variant.PARTITIONED)))
                .replace("${CT_BARE}", Integer.toString(contentTypes.get(Variant.BARE)))
                .replace("${CT_SEC}", Integer.toString(contentTypes.get(Variant.SECURED)))
                .replace("${CT_SHD}", Integer.toString(contentTypes.get(Variant.SHADOW)))
                .replace("${CT_SH4}", Integer.toString(contentTypes.get(Variant.SHADOW4))));
        for (Variant v : Variant.values()) {
            Workload.execute(c, "insert into " + v.target() + " select g, 't' from generate_series(1, "
                    + settings.targets() + ") g");
        }
        // Enforcing after the targets exist backfills the registry
        // (0.2: a key is declared once, with its targets and action, and enforced by that declaration)
        Workload.execute(c, "select polyref.declare_generic_key('bench.r_reg', 'target', 'ct', 'oid', "
                + "array['bench.t_reg']::regclass[], 'cascade', true)");
        if (Variant.measured().contains(Variant.REGISTRY_NO_CT_FK)) {
            // A second key on polyref.object_bigint: every target delete then runs one more RI cascade probe
            Workload.execute(c, "select polyref.declare_generic_key('bench.r_rgn', 'target', 'ct', 'oid', "
                    + "array['bench.t_rgn']::regclass[], 'cascade', true)");
            Workload.execute(c, "alter table bench.r_rgn drop constraint r_rgn_ct_fkey");
        }
        return contentTypes;
    }

    private static String measure(Connection c, Map<Variant, Integer> contentTypes, Settings settings)
            throws SQLException {
        Variant[] variants = Variant.measured().toArray(Variant[]::new);
        Workload[] workloads = Workload.values();
        // nanoseconds per operation: [workload][variant ordinal][round]
        double[][][] perOp = new double[workloads.length][Variant.values().length][settings.rounds()];
        long base = 1_000_000;
        for (int round = -1; round < settings.rounds(); round++) {
            Workload.execute(c, "vacuum analyze");
            for (Workload w : workloads) {
                for (int i = 0; i < variants.length; i++) {
                    // Rotate the order so no variant always runs first (or right after another's garbage)
                    Variant v = variants[Math.floorMod(i + round, variants.length)];
                    base += 100_000;
                    w.prepare(c, v, contentTypes.get(v), settings, base);
                    long start = System.nanoTime();
                    int ops = w.run(c, v, contentTypes.get(v), settings, base);
                    long nanos = System.nanoTime() - start;
                    if (round >= 0) {
                        perOp[w.ordinal()][v.ordinal()][round] = (double) nanos / ops;
                    }
                }
            }
            System.out.println(round < 0 ? "[bench-integrity] warm-up done"
                    : "[bench-integrity] round " + (round + 1) + " of " + settings.rounds() + " done");
        }
        return report(perOp, settings);
    }

    private static String report(double[][][] perOp, Settings settings) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nIntegrity benchmark: median of %d rounds (after 1 warm-up), %d single "
                + "operations per round, %d targets, %s%n%n", settings.rounds(), settings.singleOps(),
                settings.targets(), Runtime.getRuntime().availableProcessors() + " cores"));
        out.append("| workload | unit |");
        for (Variant v : Variant.measured()) {
            out.append(' ').append(v.label).append(" µs |");
        }
        for (Variant v : Variant.measured()) {
            if (v != Variant.FK) {
                out.append(' ').append(v.label).append(" / FK |");
            }
        }
        out.append("\n|---|---|").append("---|".repeat(2 * Variant.measured().size() - 1)).append('\n');
        for (Workload w : Workload.values()) {
            double[][] byVariant = perOp[w.ordinal()];
            out.append(String.format(Locale.ROOT, "| %s | %s |", w.description, w.unit));
            for (Variant v : Variant.measured()) {
                out.append(String.format(Locale.ROOT, " %.1f |", median(byVariant[v.ordinal()]) / 1000));
            }
            for (Variant v : Variant.measured()) {
                if (v != Variant.FK) {
                    out.append(String.format(Locale.ROOT, " %.2f |", medianRatio(byVariant[v.ordinal()],
                            byVariant[Variant.FK.ordinal()])));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The median of the per-round ratios: each ratio compares two runs made moments apart. */
    private static double medianRatio(double[] a, double[] b) {
        double[] ratios = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            ratios[i] = a[i] / b[i];
        }
        return median(ratios);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = IntegrityBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
