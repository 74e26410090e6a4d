package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.DanglingReferenceException;
import dev.polyref.MalformedDeclarationException;
import dev.polyref.RestrictedDeleteException;
import dev.polyref.integrity.Violation.Kind;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Enforcing over existing data, argument errors, idempotency, and switching integrity off again. */
@PolyrefTest
class EnforcementTest {

    private final DSLContext dsl;
    private final GenericKeyIntegrity integrity;

    EnforcementTest(TestDatabase db) {
        this.dsl = IntegritySchema.translating(db);
        this.integrity = GenericKeyIntegrity.using(dsl);
    }

    @Test
    void enforcingOverExistingDataBackfillsAndReportsViolationsWithoutFailing() {
        IntegritySchema s = IntegritySchema.create(dsl, "existing").with("other (id bigint primary key)");
        s.fill(1, 300, 1);
        int t = s.contentType("t");
        int other = s.contentType("other");
        dsl.execute("insert into existing.r (ct, oid) values (" + t + ", 999), (" + t + ", 998), (" + other
                + ", 1), (" + t + ", null), (null, null)");

        EnforcementReport report = s.enforce(OnDelete.CASCADE, "t");

        assertThat(report.backfilled()).isEqualTo(300);
        assertThat(report.dangling()).isEqualTo(2);
        assertThat(report.typeNotAllowed()).isEqualTo(1);
        assertThat(report.incomplete()).isEqualTo(1);
        assertThat(report.violations()).isEqualTo(4);
        assertThat(report.validated()).isFalse();
        assertThat(report.targets()).containsExactly("existing.t");
        assertThat(report.genericKey()).isEqualTo("existing.r(ct, oid)");
        assertThat(report.sample()).hasSize(4).contains("(" + t + ", 999): dangling",
                "(" + other + ", 1): type_not_allowed",
                "(" + t + ", null): incomplete");
        assertThat(integrity.violations(s.r(), IntegritySchema.KEY, 100)).extracting(Violation::kind)
                .containsExactlyInAnyOrder(Kind.DANGLING, Kind.DANGLING, Kind.TYPE_NOT_ALLOWED,
                        Kind.INCOMPLETE);
        assertThat(integrity.check()).extracting(dev.polyref.check.Problem::subject).containsExactly("key_not_valid");

        // NOT VALID: new rows are checked and the action applies already
        assertThatThrownBy(() -> dsl.execute("insert into existing.r (ct, oid) values (" + t + ", 997)"))
                .isInstanceOf(DanglingReferenceException.class);
        dsl.execute("delete from existing.t where id = 1");
        assertThat(s.count("oid = 1 and ct = " + t)).isZero();

        // Fix the rows, enforce again: validated, nothing else changes
        dsl.execute("delete from existing.r where oid in (999, 998) or ct = " + other + " or oid is null");
        EnforcementReport again = s.enforce(OnDelete.CASCADE, "t");
        assertThat(again.validated()).isTrue();
        assertThat(again.violations()).isZero();
        assertThat(again.backfilled()).isZero();
        assertThat(again.sample()).isEmpty();
        assertThat(integrity.check()).isEmpty();
        assertThat(dsl.fetchValue("select bool_and(convalidated) from pg_constraint "
                + "where conrelid = 'existing.r'::regclass and conname like 'polyref_%'")).isEqualTo(true);
    }

    @Test
    void declarationErrorsRaiseWhenDeclaringAndEnforcementErrorsBeforeAnythingChanges() {
        IntegritySchema s = IntegritySchema.create(dsl, "bad");
        dsl.execute("create table bad.composite (a int, b int, primary key (a, b))");
        dsl.execute("create table bad.uuids (id uuid primary key)");
        dsl.execute("create table bad.gone (id bigint primary key)");
        dsl.execute("alter table bad.r add column strict_ct integer not null default 1 "
                + "references polyref.content_type (id), add column strict_oid bigint not null default 1, "
                + "add column at timestamptz");

        // Declaring checks the columns, the targets and the action against the rule (42P17, nothing written)
        assertDeclareFails("'ct', 'nope', '{}', 'cascade'", "object-id column bad.r.nope does not exist (E001)");
        assertDeclareFails("'ct', 'at', '{}', 'cascade'",
                "object-id column bad.r.at has type timestamp with time zone; use bigint, text or uuid");
        assertDeclareFails("'ct', 'oid', array['bad.composite']::regclass[], 'cascade'",
                "allowed target bad.composite has no single-column primary key");
        assertDeclareFails("'ct', 'oid', array['bad.t', 'bad.uuids']::regclass[], 'cascade'",
                "allowed target bad.uuids has a uuid primary key (id), which the bigint object-id column bad.r.oid "
                        + "cannot hold");
        assertDeclareFails("'strict_ct', 'strict_oid', array['bad.t']::regclass[], 'set null'", "is NOT NULL");
        assertDeclareFails("'ct', 'oid', '{}', 'cascade later'", "unknown ON DELETE action 'cascade later'");
        assertThat(dsl.fetchCount(DSL.table("polyref.generic_key"), DSL.condition("table_name = 'bad.r'::regclass")))
                .isZero();

        // Enforcing takes the key by name, and checks what can have changed since it was declared
        assertThatThrownBy(() -> integrity.enforce(s.r(), "nope"))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageContaining("generic key nope on bad.r")
                .hasMessageContaining("no generic key nope is declared on bad.r");
        s.declare(OnDelete.CASCADE, "t", "gone");
        dsl.execute("drop table bad.gone");
        assertThatThrownBy(() -> integrity.enforce(s.r(), IntegritySchema.KEY))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageContaining("target table bad.gone does not exist");
        s.declare(OnDelete.CASCADE, "t");
        assertThatThrownBy(() -> dsl.transaction(tx -> {
            tx.dsl().execute("set transaction isolation level repeatable read");
            GenericKeyIntegrity.using(tx.dsl()).enforce(s.r(), IntegritySchema.KEY);
        })).isInstanceOf(MalformedDeclarationException.class).hasMessageContaining("READ COMMITTED");

        assertThat(dsl.fetchCount(DSL.table("polyref.integrity_target"),
                DSL.condition("table_name::text like 'bad.%'")))
                .as("nothing installed").isZero();
        assertThat(dsl.fetchCount(DSL.table("polyref.generic_key"),
                DSL.condition("table_name = 'bad.r'::regclass and enforced"))).isZero();
        assertThat(dsl.fetchValue("select count(*) from pg_trigger g join pg_class c on c.oid = g.tgrelid "
                + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'bad' and not g.tgisinternal"))
                .isEqualTo(0L);
    }

    private void assertDeclareFails(String arguments, String message) {
        assertThatThrownBy(() -> dsl.execute("select polyref.declare_generic_key('bad.r', 'target', " + arguments
                + ")"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isIn("42P17", "22023"));
    }

    @Test
    void enforcingAgainIsANoOpAndChangingTheActionOrTargetsReplacesTheConstraints() {
        IntegritySchema s = IntegritySchema.create(dsl, "again").with("u (id integer primary key)");
        s.fill(1, 10, 1);
        s.enforce(OnDelete.CASCADE, "t");
        long constraintOid = constraintOid();
        assertThat(s.enforce(OnDelete.CASCADE, "t").validated()).isTrue();
        assertThat(constraintOid()).as("untouched").isEqualTo(constraintOid);

        EnforcementReport restrict = s.enforce(OnDelete.RESTRICT, "u", "t");
        assertThat(restrict.onDelete()).isEqualTo(OnDelete.RESTRICT);
        assertThat(restrict.targets()).containsExactlyInAnyOrder("again.t", "again.u");
        assertThat(constraintOid()).isNotEqualTo(constraintOid);
        dsl.execute("insert into again.u values (41)");
        dsl.execute("insert into again.r (ct, oid) values (" + s.contentType("u") + ", 41)");
        assertThatThrownBy(() -> dsl.execute("delete from again.t where id = 1"))
                .isInstanceOf(RestrictedDeleteException.class);

        // Narrowed to u: rows pointing at t now violate; once they are gone, t stops being mirrored
        EnforcementReport narrowed = s.enforce(OnDelete.RESTRICT, "u");
        assertThat(narrowed.typeNotAllowed()).isEqualTo(10);
        assertThat(triggers("again.t")).as("kept while the key is NOT VALID").isEqualTo(4);
        dsl.execute("delete from again.r where ct = " + s.contentType("t"));
        assertThat(s.enforce(OnDelete.RESTRICT, "u").validated()).isTrue();
        assertThat(triggers("again.t")).isZero();
        assertThat(triggers("again.u")).isEqualTo(4);
    }

    private long triggers(String table) {
        return dsl.resultQuery("select count(*) from pg_trigger where tgrelid = {0}::regclass and not tgisinternal",
                DSL.val(table)).fetchSingle().get(0, Long.class);
    }

    @Test
    void unenforcingRemovesEveryTraceAndEverythingElseWorksWithoutIntegrity() {
        IntegritySchema s = IntegritySchema.create(dsl, "off");
        s.fill(1, 10, 1);
        s.enforce(OnDelete.CASCADE, "t");
        assertThat(integrity.unenforce(s.r(), IntegritySchema.KEY)).isTrue();
        assertThat(integrity.unenforce(s.r(), IntegritySchema.KEY)).as("second time").isFalse();

        assertThat(dsl.fetchValue("select count(*) from pg_trigger where tgrelid = 'off.t'::regclass "
                + "and not tgisinternal")).isEqualTo(0L);
        assertThat(dsl.fetchValue("select count(*) from pg_constraint where conrelid = 'off.r'::regclass "
                + "and conname like 'polyref_%'")).isEqualTo(0L);
        assertThat(dsl.fetchCount(DSL.table("polyref.object_bigint"))).isZero();
        assertThat(dsl.fetchValue("select count(*) from pg_proc where proname like 'object_registry_ct%'"))
                .isEqualTo(0L);
        // An unenforced key is an ordinary pair of columns again
        dsl.execute("insert into off.r (ct, oid) values (" + s.contentType("t") + ", 12345)");
        dsl.execute("delete from off.t where id = 1");
        assertThat(s.count("oid = 1")).isOne();
    }

    private long constraintOid() {
        return dsl.resultQuery("select oid::bigint from pg_constraint where conname like 'polyref\\_fk\\_ct\\_oid\\_%' "
                + "and conrelid = 'again.r'::regclass").fetchSingle().get(0, Long.class);
    }
}
