package dev.polyref.check;

import static dev.polyref.NullArgumentException.requireNonNull;

import java.util.List;

/**
 * The built-in {@link Check}s.
 *
 * <pre>{@code
 * List<Problem> problems = Checks.defaults().stream().flatMap(c -> c.run(dsl).stream()).toList();
 * }</pre>
 */
public final class Checks {

    private Checks() {}

    /** @return every built-in check, in the order {@code polyref check} runs them */
    public static List<Check> defaults() {
        return List.of(declarations(), staleContentTypes(), danglingReferences(), genericKeyIndexes(), integrity());
    }

    /**
     * Finds catalogue rows whose table is gone, naming the rows that still refer to each.
     *
     * @return the check {@code stale-content-types}
     */
    public static Check staleContentTypes() {
        return new StaleContentTypesCheck();
    }

    /**
     * Finds generic keys, {@linkplain GenericKeyFinder#declaredOrNamed() declared or paired by name}, whose
     * table has no index on both columns.
     *
     * @return the check {@code generic-key-indexes}
     */
    public static Check genericKeyIndexes() {
        return genericKeyIndexes(GenericKeyFinder.declaredOrNamed());
    }

    /**
     * Finds generic keys whose table has no index on both columns.
     *
     * @param finder where the generic keys come from
     * @return the check {@code generic-key-indexes}
     */
    public static Check genericKeyIndexes(GenericKeyFinder finder) {
        return new GenericKeyIndexCheck(requireNonNull(finder, "finder"));
    }

    /**
     * Finds enforced generic keys whose protection is incomplete: the drop guard (an event trigger that
     * {@code polyref.install_drop_guard()} installs) missing,
     * a target table dropped without it, a key whose constraints were created {@code NOT VALID} over old
     * violations.
     *
     * @return the check {@code integrity}
     */
    public static Check integrity() {
        return new IntegrityCheck();
    }

    /**
     * Finds generic-key declarations that no longer fit: a column dropped or retyped, a content-type column
     * without its foreign key, an allowed target whose table is gone (Django's checks E001-E004).
     *
     * @return the check {@code declarations}
     */
    public static Check declarations() {
        return new DeclarationsCheck();
    }

    /**
     * Finds rows of declared generic keys that point at objects that do not exist (possible wherever a key
     * is not enforced by the database), per key and content type.
     *
     * @return the check {@code dangling-references}
     */
    public static Check danglingReferences() {
        return new DanglingReferencesCheck();
    }
}
