package dev.polyref.bench.integrity;

/**
 * One way of (not) enforcing a reference; each has its own target table {@code t_x} and referencing table
 * {@code r_x}.
 */
enum Variant {

    /** A generic key without integrity. */
    OFF("off", "integrity off"),
    /** The baseline: an ordinary foreign key to one table, ON DELETE CASCADE. */
    FK("fk", "ordinary FK"),
    /** Polyref: object registry + composite foreign key, ON DELETE CASCADE. */
    REGISTRY("reg", "registry + FK"),
    /** The alternative: constraint triggers (prototype), cascading. */
    TRIGGER("trg", "constraint triggers"),
    /** A variation of the registry: partitioned by content type, each partition with a real FK to its target. */
    PARTITIONED("prt", "partitioned registry");

    final String suffix;
    final String label;

    Variant(String suffix, String label) {
        this.suffix = suffix;
        this.label = label;
    }

    String target() {
        return "bench.t_" + suffix;
    }

    String referencing() {
        return "bench.r_" + suffix;
    }
}
