package dev.polyref.bench.integrity;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

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
    /**
     * Polyref as above, with the referencing table's foreign key from its content-type column to
     * {@code polyref.content_type} dropped after enforcing (a declaration needs it, like Django's check E003): the
     * enforced key makes it redundant (the registry holds only rows of catalogued types), and it costs one more RI
     * probe and row lock per referencing row. What that foreign key costs, measured.
     */
    REGISTRY_NO_CT_FK("rgn", "registry + FK, no ct FK"),
    /** The alternative: constraint triggers (prototype), cascading. */
    TRIGGER("trg", "constraint triggers"),
    /** A variation of the registry: partitioned by content type, each partition with a real FK to its target. */
    PARTITIONED("prt", "partitioned registry"),
    /**
     * The floor of the registry design: the same registry table, composite foreign key and ON DELETE CASCADE,
     * kept by the leanest triggers possible (plain statement-level, no SECURITY DEFINER, no check of the firing
     * trigger). What is left over the FK here is the registry write itself; Polyref minus this is its triggers.
     */
    BARE("bare", "bare registry"),
    /**
     * The floor of the registry design under Polyref's SQL rules: the bare registry's triggers made SECURITY
     * DEFINER with a pinned search_path (writers of a target need no rights on the registry, and the function
     * cannot be steered by the caller's path). Polyref minus this is its caller check and dispatch.
     */
    SECURED("sec", "secured bare registry"),
    /**
     * The alternative design without a registry (bench-only prototype): one stored generated column per allowed
     * target type on the referencing table ({@code case when ct = <type> then oid end}), each with a real foreign
     * key ON DELETE CASCADE and a partial index. One allowed type here.
     */
    SHADOW("shd", "typed FK columns, 1 type"),
    /** The same with four allowed types (three of them never used here): the cost per extra type. */
    SHADOW4("sh4", "typed FK columns, 4 types");

    final String suffix;
    final String label;

    Variant(String suffix, String label) {
        this.suffix = suffix;
        this.label = label;
    }

    /**
     * The variants to measure: those whose suffixes {@code -Dbench.variants} lists (comma-separated, the
     * baseline {@code fk} always), or all.
     */
    static List<Variant> measured() {
        String only = System.getProperty("bench.variants", "").trim();
        if (only.isEmpty()) {
            return List.of(values());
        }
        Set<String> suffixes = Set.of(only.split("\\s*,\\s*"));
        return Arrays.stream(values()).filter(v -> v == FK || suffixes.contains(v.suffix)).toList();
    }

    String target() {
        return "bench.t_" + suffix;
    }

    String referencing() {
        return "bench.r_" + suffix;
    }
}
