package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.RestrictedDeleteException;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every ON DELETE action, honoured by raw SQL: single and bulk DELETE, TRUNCATE, a changed primary key. */
@PolyrefTest
class OnDeleteActionsTest {

    private final DSLContext dsl;

    OnDeleteActionsTest(TestDatabase db) {
        this.dsl = IntegritySchema.translating(db);
    }

    private IntegritySchema enforced(String prefix, OnDelete action) {
        IntegritySchema s = IntegritySchema.create(dsl, prefix + "_" + action.name().toLowerCase(Locale.ROOT));
        s.fill(1, 2000, 2);
        EnforcementReport report = s.enforce(action, "t");
        assertThat(report.validated()).isTrue();
        assertThat(report.backfilled()).isEqualTo(2000);
        return s;
    }

    @ParameterizedTest
    @EnumSource(OnDelete.class)
    void rawDeleteOfOneTargetAppliesTheAction(OnDelete action) {
        IntegritySchema s = enforced("one", action);
        String delete = "delete from " + s.name() + ".t where id = 7";
        switch (action) {
            case CASCADE -> {
                dsl.execute(delete);
                assertThat(s.count("oid = 7")).isZero();
                assertThat(s.count("true")).isEqualTo(3998);
            }
            case SET_NULL -> {
                dsl.execute(delete);
                assertThat(s.count("oid is null and ct is null")).isEqualTo(2);
                assertThat(s.count("true")).isEqualTo(4000);
            }
            case RESTRICT, NO_ACTION -> {
                assertThatThrownBy(() -> dsl.execute(delete))
                        .isInstanceOf(RestrictedDeleteException.class)
                        .hasMessageContaining("object 7 of content type " + s.contentType("t"))
                        .hasMessageContaining("rows of " + s.name() + ".r")
                        .hasMessageContaining("polyref_fk_ct_oid");
                assertThat(dsl.fetchCount(s.table("t"), DSL.condition("id = 7"))).isOne();
                dsl.execute("delete from " + s.name() + ".r where oid = 7");
                dsl.execute(delete);
                assertThat(dsl.fetchCount(s.table("t"), DSL.condition("id = 7"))).isZero();
            }
        }
        assertNoDanglingReference(s);
    }

    @ParameterizedTest
    @EnumSource(OnDelete.class)
    void bulkDeleteOfAThousandTargetsAppliesTheActionToAllOfThem(OnDelete action) {
        IntegritySchema s = enforced("bulk", action);
        String delete = "delete from " + s.name() + ".t where id between 501 and 1500";
        if (action == OnDelete.RESTRICT || action == OnDelete.NO_ACTION) {
            assertThatThrownBy(() -> dsl.execute(delete)).isInstanceOf(RestrictedDeleteException.class);
            assertThat(dsl.fetchCount(s.table("t"))).isEqualTo(2000);
            assertThat(s.count("true")).isEqualTo(4000);
        } else {
            assertThat(dsl.execute(delete)).isEqualTo(1000);
            assertThat(s.count("oid between 501 and 1500")).isZero();
            assertThat(s.count("oid is null")).isEqualTo(action == OnDelete.SET_NULL ? 2000 : 0);
            assertThat(s.count("oid is not null")).isEqualTo(2000);
        }
        assertNoDanglingReference(s);
    }

    @Test
    void truncateOfATargetCascadesOrIsRefused() {
        IntegritySchema cascade = enforced("trunc", OnDelete.CASCADE);
        dsl.execute("truncate " + cascade.name() + ".t");
        assertThat(cascade.count("true")).isZero();

        IntegritySchema restrict = enforced("trunc", OnDelete.RESTRICT);
        assertThatThrownBy(() -> dsl.execute("truncate " + restrict.name() + ".t"))
                .isInstanceOf(RestrictedDeleteException.class);
        assertThat(dsl.fetchCount(restrict.table("t"))).isEqualTo(2000);
    }

    @Test
    void noActionCanBeDeferredToCommitButRestrictCannot() {
        IntegritySchema noAction = enforced("defer", OnDelete.NO_ACTION);
        IntegritySchema restrict = enforced("defer", OnDelete.RESTRICT);
        dsl.transaction(tx -> {
            tx.dsl().execute("set constraints all deferred");
            // The target goes first, its references later in the same transaction
            tx.dsl().execute("delete from " + noAction.name() + ".t where id = 1");
            tx.dsl().execute("delete from " + noAction.name() + ".r where oid = 1");
        });
        assertThat(dsl.fetchCount(noAction.table("t"), DSL.condition("id = 1"))).isZero();
        assertThatThrownBy(() -> dsl.transaction(tx -> {
            tx.dsl().execute("set constraints all deferred");
            tx.dsl().execute("delete from " + restrict.name() + ".t where id = 1");
        })).isInstanceOf(RestrictedDeleteException.class);
    }

    @Test
    void referencesFollowAChangedPrimaryKey() {
        IntegritySchema s = enforced("pk", OnDelete.CASCADE);
        dsl.execute("update " + s.name() + ".t set id = 100000 where id = 3");
        assertThat(s.count("oid = 100000")).isEqualTo(2);
        assertThat(s.count("oid = 3")).isZero();
        dsl.execute("update " + s.name() + ".t set title = 'renamed' where id = 4");
        assertThat(s.count("oid = 4")).isEqualTo(2);
        assertNoDanglingReference(s);
    }

    @Test
    void aTargetInsertedAfterEnforcingCanBeReferencedAtOnce() {
        IntegritySchema s = enforced("late", OnDelete.CASCADE);
        dsl.transaction(tx -> {
            tx.dsl().execute("insert into " + s.name() + ".t (id) values (5000), (5001)");
            tx.dsl().execute("insert into " + s.name() + ".r (ct, oid) values (" + s.contentType("t") + ", 5001)");
        });
        assertThat(s.count("oid = 5001")).isOne();
    }

    private void assertNoDanglingReference(IntegritySchema s) {
        assertThat(dsl.fetchCount(DSL.table("{0} r", s.table("r")),
                DSL.condition("r.oid is not null and not exists (select from {0} t where t.id = r.oid)", s.table("t"))))
                .as("references to missing rows").isZero();
        assertThat(dsl.fetchCount(DSL.table("polyref.object_bigint"),
                DSL.condition("content_type_id = " + s.contentType("t")))).as("registry rows")
                .isEqualTo(dsl.fetchCount(s.table("t")));
    }
}
