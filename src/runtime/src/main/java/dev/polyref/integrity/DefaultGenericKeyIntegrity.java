package dev.polyref.integrity;

import static dev.polyref.NullArgumentException.requireNonNull;
import static org.jooq.impl.DSL.val;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.UnenforceableOnCitusException;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.check.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Calls the enforcement functions of {@code migrations/polyref/R__05_enforcement.sql}. */
final class DefaultGenericKeyIntegrity implements GenericKeyIntegrity {

    /** SQLStates the integrity functions raise for keys they cannot enforce (nothing was changed). */
    private static final Set<String> DECLARATION_ERRORS = Set.of(
            "22023", // invalid_parameter_value
            "42P17", // invalid_object_definition: the declaration cannot be enforced
            "42P01", // undefined_table: a name that is no table, a target that is gone
            "42704", // undefined_object: a key that is not declared or not enforced
            "25000"); // invalid_transaction_state: not READ COMMITTED

    /** The SQLState of polyref.citus_require_enforceable (migrations/polyref/R__08_citus.sql). */
    private static final String UNENFORCEABLE_ON_CITUS = "PRC01";

    private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES);

    private final DSLContext dsl;

    DefaultGenericKeyIntegrity(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public EnforcementReport enforce(Table<?> table, String keyName) {
        String key = describe(table, keyName);
        Record r = declaring(key, () -> dsl.resultQuery("select generic_key, on_delete, targets, backfilled, "
                + "dangling, type_not_allowed, incomplete, sample, validated "
                + "from polyref.enforce_generic_key({0}::pg_catalog.regclass, {1})",
                val(regclass(table)), val(keyName)).fetchSingle());
        return new EnforcementReport(r.get(0, String.class), OnDelete.ofSql(r.get(1, String.class)),
                strings(r.get(2)), r.get(3, Long.class), r.get(4, Long.class), r.get(5, Long.class),
                r.get(6, Long.class), strings(r.get(7)), r.get(8, Boolean.class));
    }

    @Override
    public boolean unenforce(Table<?> table, String keyName) {
        String key = describe(table, keyName);
        return declaring(key, () -> dsl.resultQuery(
                "select polyref.unenforce_generic_key({0}::pg_catalog.regclass, {1})",
                val(regclass(table)), val(keyName)).fetchSingle().get(0, Boolean.class));
    }

    @Override
    public List<Violation> violations(Table<?> table, String keyName, int limit) {
        String key = describe(table, keyName);
        return declaring(key, () -> dsl.resultQuery("select content_type_id, object_id, problem "
                + "from polyref.generic_key_violations({0}::pg_catalog.regclass, {1}, {2})",
                val(regclass(table)), val(keyName), val(limit))
                .fetch(r -> new Violation(r.get(0, Integer.class), r.get(1, String.class),
                        Violation.Kind.valueOf(r.get(2, String.class).toUpperCase(Locale.ROOT)))));
    }

    @Override
    public List<Problem> check() {
        return dsl.resultQuery("select problem, detail from polyref.integrity_check()")
                .fetch(r -> new Problem("integrity", r.get(0, String.class), r.get(1, String.class)));
    }

    @Override
    public int repair() {
        try {
            return dsl.resultQuery("select polyref.integrity_repair()").fetchSingle().get(0, Integer.class);
        } catch (DataAccessException e) {
            throw PolyrefExceptionTranslator.translate(e).map(RuntimeException.class::cast).orElse(e);
        }
    }

    @Override
    public boolean installDropGuard() {
        return dsl.resultQuery("select polyref.install_drop_guard()").fetchSingle().get(0, Boolean.class);
    }

    /** Runs a call whose declaration errors become {@link MalformedDeclarationException}s naming the key. */
    private static <T> T declaring(String key, Supplier<T> call) {
        try {
            return call.get();
        } catch (DataAccessException e) {
            PgError error = PgError.of(e).orElse(null);
            if (error != null && error.sqlState().equals(UNENFORCEABLE_ON_CITUS)) {
                throw new UnenforceableOnCitusException("Cannot enforce " + key + ": " + error.message(), e);
            }
            if (error != null && DECLARATION_ERRORS.contains(error.sqlState())) {
                throw new MalformedDeclarationException("Cannot enforce " + key + ": " + error.message(), e);
            }
            throw e;
        }
    }

    /** @return {@code generic key name on schema.table}, for messages; validates the arguments */
    private static String describe(Table<?> table, String keyName) {
        requireNonNull(table, "table");
        requireNonNull(keyName, "keyName");
        return "generic key " + keyName + " on " + NaturalKey.of(table);
    }

    /** The table's name for a {@code ::regclass} cast, quoted; generated tables carry their schema apart. */
    private static String regclass(Table<?> table) {
        NaturalKey key = NaturalKey.of(table);
        return RENDERER.render(DSL.name(key.appLabel(), key.model()));
    }

    private static List<String> strings(Object array) {
        return array == null ? List.of() : Arrays.stream((Object[]) array).map(String::valueOf).toList();
    }
}
