package dev.polyref.integrity;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.check.Problem;
import dev.polyref.generic.GenericKey;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * Makes PostgreSQL enforce declared generic keys: a key may only point at an existing row of one of its allowed
 * targets, and deleting a target row applies the key's declared {@link OnDelete} action, for any {@code DELETE},
 * from Polyref, jOOQ or {@code psql}. Optional, per key: nothing else in Polyref needs it.
 *
 * <p>A key is declared once, in SQL, with everything enforcement needs (its columns, allowed targets, ON DELETE
 * action and whether it is enforced); enforcing takes the key by its table and name and never restates any of
 * it, so the database's checks cannot disagree with the declaration:
 *
 * <pre>{@code
 * -- in a migration
 * select polyref.declare_generic_key('app.activity', 'target',
 *     p_allowed_targets => array['app.video', 'app.song']::regclass[], p_on_delete => 'cascade');
 *
 * // in Java (or p_enforced => true in the declaration): the generated key
 * GenericKeyIntegrity integrity = polyref.using(dsl).integrity();
 * EnforcementReport report = integrity.enforce(GenericKeys.ACTIVITY_TARGET);
 * if (!report.validated()) {
 *     integrity.violations(GenericKeys.ACTIVITY_TARGET, 100).forEach(System.out::println);   // fix, enforce again
 * }
 * }</pre>
 *
 * <p>Each call runs one of the SQL functions of {@code migrations/polyref/R__05_enforcement.sql} (one statement),
 * so the same can be done from a migration with {@code select * from polyref.enforce_generic_key(...)}.
 * Enforcing is a schema change: run it where migrations run, under {@code READ COMMITTED}; it locks the
 * referencing and target tables until its transaction ends.
 *
 * <p>Errors: a key that is not declared, or cannot be enforced (columns changed, a target gone or with an
 * incompatible key, {@code SET NULL} on a {@code NOT NULL} column) raises {@link MalformedDeclarationException}
 * before anything changes. Writes that break an enforced key fail in PostgreSQL; add
 * {@link PolyrefExceptionTranslator} to the {@link DSLContext} to get {@link dev.polyref.DanglingReferenceException},
 * {@link dev.polyref.TypeNotAllowedException} and {@link dev.polyref.RestrictedDeleteException}.
 *
 * <p>Implementations hold only the {@link DSLContext} they were made with.
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
     * Enforces a generated generic key exactly as declared (its {@link GenericKey#allowedTargets()} and
     * {@link GenericKey#onDelete()}); see {@link #enforce(Table, String)}.
     *
     * @param key the key, for example {@code GenericKeys.ACTIVITY_TARGET}
     * @return what was backfilled and which existing rows violate the key
     * @throws MalformedDeclarationException if the key is no longer declared or cannot be enforced
     * @throws dev.polyref.UnenforceableOnCitusException if its table or a target is a Citus distributed or
     *                                                reference table (docs/scale-out.md); nothing changed
     */
    default EnforcementReport enforce(GenericKey<?, ?> key) {
        requireNonNull(key, "key");
        return enforce(key.table(), key.name());
    }

    /**
     * Stops enforcing a generated generic key; see {@link #unenforce(Table, String)}.
     *
     * @param key the key
     * @return whether it was enforced
     * @throws MalformedDeclarationException if the key is no longer declared
     */
    default boolean unenforce(GenericKey<?, ?> key) {
        requireNonNull(key, "key");
        return unenforce(key.table(), key.name());
    }

    /**
     * The rows that violate an enforced generated key; see {@link #violations(Table, String, int)}.
     *
     * @param key   the key
     * @param limit at most this many
     * @return the violations, never null
     * @throws MalformedDeclarationException if the key is not declared or not enforced
     */
    default List<Violation> violations(GenericKey<?, ?> key, int limit) {
        requireNonNull(key, "key");
        return violations(key.table(), key.name(), limit);
    }

    /**
     * Enforces a declared generic key by its table and name, for keys without generated code (tables created at
     * run time, the CLI). Enforces it exactly as declared (allowed targets, ON DELETE action), backfilling what the
     * existing rows need and reporting the rows that violate it, and records it as enforced. Idempotent; redeclare
     * the key to change what is enforced.
     *
     * @param table   the referencing table, schema-qualified (generated tables are)
     * @param keyName the key's declared name
     * @return what was backfilled and which existing rows violate the key
     * @throws MalformedDeclarationException if the key is not declared or cannot be enforced
     * @throws dev.polyref.UnenforceableOnCitusException if its table or a target is a Citus distributed or
     *                                                reference table (docs/scale-out.md); nothing changed
     */
    EnforcementReport enforce(Table<?> table, String keyName);

    /**
     * Stops enforcing a generic key: drops its constraints, and the registry upkeep of targets no other key
     * needs, and records it as not enforced. Its rows stay as they are.
     *
     * @param table   the referencing table
     * @param keyName the key's declared name
     * @return whether it was enforced
     * @throws MalformedDeclarationException if the key is not declared
     */
    boolean unenforce(Table<?> table, String keyName);

    /**
     * The rows that violate an enforced key (after {@link #enforce} reported {@code validated = false}).
     *
     * @param table   the referencing table
     * @param keyName the key's declared name
     * @param limit   at most this many
     * @return the violations, never null
     * @throws MalformedDeclarationException if the key is not declared or not enforced
     */
    List<Violation> violations(Table<?> table, String keyName, int limit);

    /**
     * Checks the integrity machinery: a missing drop guard, dropped target tables whose registry rows remain,
     * keys that lost their constraints, keys still {@code NOT VALID}, allowed targets whose table is gone. The same
     * problems as the {@code integrity} check of {@link dev.polyref.check.Checks#integrity()} ({@code polyref check}).
     *
     * @return the problems, empty when all is well: {@link Problem#check()} is {@code integrity},
     *         {@link Problem#subject()} the kind ({@code drop_guard_missing}, {@code dropped_target},
     *         {@code key_not_enforced}, {@code key_not_valid} or {@code missing_target}) and
     *         {@link Problem#message()} what is wrong and how to fix it
     */
    List<Problem> check();

    /**
     * Cleans up after tables dropped without the drop guard: the registry rows of dropped targets go, so every
     * key's {@link OnDelete} action applies now, and keys of dropped tables are forgotten.
     *
     * @return how many dropped targets were removed
     * @throws dev.polyref.RestrictedDeleteException (with {@link PolyrefExceptionTranslator}) if a
     *         {@code RESTRICT} key still points at rows of a dropped table
     */
    int repair();

    /**
     * Installs the drop guard, an event trigger that applies the keys' actions when a target table is dropped
     * ({@code polyref.install_drop_guard()}); needs a superuser.
     *
     * @return false if it was already installed
     */
    boolean installDropGuard();
}
