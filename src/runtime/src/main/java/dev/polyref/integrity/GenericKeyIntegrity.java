package dev.polyref.integrity;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.MalformedDeclarationException;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * Makes PostgreSQL enforce generic keys: a key may only point at an existing row of one of its target tables,
 * and deleting a target row applies the key's {@link OnDelete} action, for any {@code DELETE}, from Polyref,
 * jOOQ or {@code psql}. Optional, per key: nothing else in Polyref needs it.
 *
 * <pre>{@code
 * GenericKeyIntegrity integrity = GenericKeyIntegrity.using(dsl);
 * GenericKeyColumns activity = GenericKeyColumns.of(ACTIVITY.CONTENT_TYPE_ID, ACTIVITY.OBJECT_ID);
 * EnforcementReport report = integrity.enforce(activity, OnDelete.CASCADE, List.of(VIDEO, SONG, POST));
 * if (!report.validated()) {
 *     integrity.violations(activity, 100).forEach(System.out::println);   // fix these rows, enforce again
 * }
 * }</pre>
 *
 * <p>Each call runs the SQL functions of {@code migrations/polyref/V3__integrity.sql} (one statement), so the
 * same can be done from a migration with {@code select * from polyref.enforce_generic_key(...)}. Enforcing
 * is a schema change: run it where migrations run, under {@code READ COMMITTED}; it locks the referencing and
 * target tables until its transaction ends.
 *
 * <p>Errors: argument problems (unknown column, unsupported type, a target without a content type or with an
 * incompatible key, {@code SET NULL} on a {@code NOT NULL} column) raise
 * {@link MalformedDeclarationException} before anything changes. Writes that break an enforced key
 * fail in PostgreSQL; add {@link PolyrefExceptionTranslator} to the {@link DSLContext} to get
 * {@link dev.polyref.DanglingReferenceException}, {@link dev.polyref.TypeNotAllowedException} and
 * {@link dev.polyref.RestrictedDeleteException}.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface GenericKeyIntegrity {

    /**
     * @param dsl the database; statements run through it (and its listeners)
     * @return the integrity API over it
     */
    static GenericKeyIntegrity using(DSLContext dsl) {
        return new DefaultGenericKeyIntegrity(requireNonNull(dsl, "dsl"));
    }

    /**
     * Enforces a generic key over the given targets, backfilling what the existing rows need and reporting the
     * rows that violate it. Idempotent; calling it again with other targets or another action changes the key.
     *
     * @param key      the generic key's columns
     * @param onDelete what a delete of a target row does to the rows pointing at it
     * @param targets  the tables the key may point at (catalogued, with a single-column primary key that fits
     *                 the object-id type); at least one
     * @return what was backfilled and which existing rows violate the key
     * @throws MalformedDeclarationException if the key or a target cannot be enforced
     */
    EnforcementReport enforce(GenericKeyColumns key, OnDelete onDelete, Collection<? extends Table<?>> targets);

    /**
     * Enforces a generic key over every catalogued table whose primary key fits its object-id type, as of now
     * (enforce again after adding tables).
     *
     * @param key      the generic key's columns
     * @param onDelete what a delete of a target row does to the rows pointing at it
     * @return what was backfilled and which existing rows violate the key
     * @throws MalformedDeclarationException if the key cannot be enforced
     */
    EnforcementReport enforceForAnyTarget(GenericKeyColumns key, OnDelete onDelete);

    /**
     * Stops enforcing a generic key: drops its constraints, and the registry upkeep of targets no other key
     * needs. Its rows stay as they are.
     *
     * @param key the generic key's columns
     * @return whether it was enforced
     */
    boolean unenforce(GenericKeyColumns key);

    /**
     * The rows that violate an enforced key (after {@link #enforce} reported {@code validated = false}).
     *
     * @param key   an enforced generic key
     * @param limit at most this many
     * @return the violations, never null
     * @throws MalformedDeclarationException if the key is not enforced
     */
    List<Violation> violations(GenericKeyColumns key, int limit);

    /**
     * Checks the integrity machinery: a missing drop guard, dropped target tables whose registry rows remain,
     * keys that lost their constraints, keys still {@code NOT VALID}.
     *
     * @return the problems, empty when all is well
     */
    List<IntegrityProblem> check();

    /**
     * Cleans up after target tables dropped without the drop guard (the event trigger needs a superuser): their
     * registry rows go, so every key's {@link OnDelete} action applies now.
     *
     * @return how many dropped targets were removed
     * @throws dev.polyref.RestrictedDeleteException (with {@link PolyrefExceptionTranslator}) if a
     *         {@code RESTRICT} key still points at rows of a dropped table
     */
    int repair();
}
