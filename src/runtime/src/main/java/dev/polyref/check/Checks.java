package dev.polyref.check;

import dev.polyref.check.internal.GenericKeyFinder;
import dev.polyref.check.internal.GenericKeyIndexCheck;
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
        return List.of(declarations(), staleContentTypes(), danglingReferences(), genericKeyIndexes(), integrity(),
                compositeKeyTargets());
    }

    /**
     * Finds tables whose primary key has several columns that a generic key is declared to point at or whose
     * content type rows of a declared key hold. Polyref refuses such targets (Django 5.2's composite primary keys;
     * docs/django-parity.md says why).
     *
     * @return the check {@code composite-key-targets}
     */
    public static Check compositeKeyTargets() {
        return new CompositeKeyTargetsCheck();
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
     * Finds generic keys, declared or paired by name ({@code content_type_id, object_id},
     * {@code subject_type_id, subject_id}), whose table has no index on both columns.
     *
     * @return the check {@code generic-key-indexes}
     */
    public static Check genericKeyIndexes() {
        return new GenericKeyIndexCheck(GenericKeyFinder.declaredOrNamed());
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
