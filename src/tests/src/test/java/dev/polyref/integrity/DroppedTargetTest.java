package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.RestrictedDeleteException;
import dev.polyref.check.Problem;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A target table dropped, or its content type removed: no reference is left dangling silently. With the event
 * trigger (created by the migration when run by a superuser) the DROP applies the action at once; without it
 * {@link GenericKeyIntegrity#check()} reports the leftovers and {@link GenericKeyIntegrity#repair()} applies it.
 */
@PolyrefTest
class DroppedTargetTest {

    private final DSLContext dsl;
    private final GenericKeyIntegrity integrity;

    DroppedTargetTest(TestDatabase db) {
        this.dsl = IntegritySchema.translating(db);
        this.integrity = GenericKeyIntegrity.using(dsl);
    }

    private IntegritySchema enforced(String name, OnDelete action) {
        IntegritySchema s = IntegritySchema.create(dsl, name);
        s.fill(1, 50, 2);
        s.enforce(action, "t");
        return s;
    }

    @Test
    void droppingATargetTableCascadesSetsNullOrIsRefused() {
        IntegritySchema cascade = enforced("drop_cascade", OnDelete.CASCADE);
        IntegritySchema setNull = enforced("drop_set_null", OnDelete.SET_NULL);
        IntegritySchema restrict = enforced("drop_restrict", OnDelete.RESTRICT);

        dsl.execute("drop table drop_cascade.t");
        assertThat(cascade.count("true")).isZero();
        dsl.execute("drop table drop_set_null.t");
        assertThat(setNull.count("ct is null and oid is null")).isEqualTo(100);
        assertThatThrownBy(() -> dsl.execute("drop table drop_restrict.t"))
                .isInstanceOf(RestrictedDeleteException.class);
        assertThat(dsl.fetchCount(restrict.table("t"))).as("the DROP was rolled back").isEqualTo(50);

        assertThat(dsl.fetchCount(DSL.table("polyref.object_bigint"),
                DSL.condition("content_type_id in ({0}, {1})", DSL.val(ct("drop_cascade")),
                        DSL.val(ct("drop_set_null")))))
                .isZero();
        // The declarations still list the dropped tables as allowed targets: check says so until they are
        // declared again without them
        assertThat(integrity.check()).extracting(Problem::message).containsExactlyInAnyOrder(
                "generic key target on drop_cascade.r lists allowed target drop_cascade.t (content type "
                        + ct("drop_cascade") + "), whose table was dropped; declare the key again without it",
                "generic key target on drop_set_null.r lists allowed target drop_set_null.t (content type "
                        + ct("drop_set_null") + "), whose table was dropped; declare the key again without it");
        dsl.execute("drop schema drop_cascade, drop_set_null, drop_restrict cascade");
        assertThat(integrity.check()).isEmpty();
    }

    @Test
    void droppingAReferencingTableForgetsItsKey() {
        enforced("drop_referencing", OnDelete.CASCADE);
        dsl.execute("drop table drop_referencing.r");
        assertThat(dsl.fetchCount(DSL.table("polyref.generic_key"),
                DSL.condition("not exists (select from pg_class c where c.oid = table_name)")))
                .as("the declaration is forgotten").isZero();
        assertThat(integrity.check()).isEmpty();
    }

    @Test
    void removingAStaleContentTypeAppliesTheActionToo() {
        // Declared without allowed targets (a declared target's content type cannot be removed: see
        // ContentTypeRegistryTest): enforced over every catalogued table its object id can hold
        IntegritySchema s = IntegritySchema.create(dsl, "stale");
        s.fill(1, 50, 2);
        s.enforce(OnDelete.CASCADE);
        // Django's usual content-type column: ForeignKey(ContentType, on_delete=CASCADE)
        dsl.execute("alter table stale.r drop constraint r_ct_fkey, add constraint r_ct_fkey foreign key (ct) "
                + "references polyref.content_type (id) on delete cascade");
        int staleType = ct("stale");
        dsl.execute("alter event trigger polyref_integrity_on_drop disable");
        try {
            dsl.execute("drop table stale.t");
        } finally {
            dsl.execute("alter event trigger polyref_integrity_on_drop enable");
        }
        assertThat(s.count("true")).as("no event trigger: references still there").isEqualTo(100);
        dsl.execute("delete from polyref.content_type where id = " + staleType);
        assertThat(s.count("true")).isZero();
        assertThat(dsl.fetchCount(DSL.table("polyref.object_bigint"),
                DSL.condition("content_type_id = " + staleType))).isZero();
        assertThat(integrity.check()).isEmpty();
        dsl.execute("drop schema stale cascade");
    }

    @Test
    void withoutTheEventTriggerCheckReportsTheDroppedTargetAndRepairAppliesTheAction() {
        IntegritySchema cascade = enforced("repair_cascade", OnDelete.CASCADE);
        IntegritySchema restrict = enforced("repair_restrict", OnDelete.RESTRICT);
        dsl.execute("alter event trigger polyref_integrity_on_drop disable");
        try {
            assertThat(integrity.check()).extracting(Problem::subject).containsExactly("drop_guard_missing");
            dsl.execute("drop table repair_cascade.t");
            dsl.execute("drop table repair_restrict.t");

            assertThat(integrity.check()).extracting(Problem::subject)
                    .containsExactly("drop_guard_missing", "dropped_target", "dropped_target");
            assertThat(integrity.check().get(1).message()).contains("repair_cascade.t").contains("50 rows");
            assertThatThrownBy(integrity::repair).isInstanceOf(RestrictedDeleteException.class);
            dsl.execute("delete from repair_restrict.r");
            assertThat(integrity.repair()).isEqualTo(2);
            assertThat(cascade.count("true")).isZero();
            assertThat(restrict.count("true")).isZero();
            assertThat(integrity.check()).extracting(Problem::subject)
                    .containsExactly("drop_guard_missing", "missing_target", "missing_target");
            integrity.unenforce(cascade.r(), IntegritySchema.KEY);
            integrity.unenforce(restrict.r(), IntegritySchema.KEY);
            assertThat(integrity.check()).extracting(Problem::subject)
                    .as("the declarations still allow the dropped tables").containsExactly("missing_target",
                            "missing_target");
            dsl.execute("drop schema repair_cascade, repair_restrict cascade");
            assertThat(integrity.repair()).as("the declarations of dropped tables are forgotten").isZero();
            assertThat(integrity.check()).isEmpty();
        } finally {
            dsl.execute("alter event trigger polyref_integrity_on_drop enable");
        }
    }

    @Test
    void recreatingADroppedTargetWithoutTheEventTriggerDoesNotResurrectItsOldReferences() {
        IntegritySchema s = enforced("recreated", OnDelete.CASCADE);
        dsl.execute("alter event trigger polyref_integrity_on_drop disable");
        try {
            dsl.execute("drop table recreated.t");
        } finally {
            dsl.execute("alter event trigger polyref_integrity_on_drop enable");
        }
        dsl.execute("create table recreated.t (id bigint primary key, title text)");
        dsl.execute("insert into recreated.t (id) values (1)");
        // The declaration is unchanged: enforcing again takes the table of that name now
        EnforcementReport again = integrity.enforce(s.r(), IntegritySchema.KEY);

        assertThat(again.backfilled()).isOne();
        assertThat(s.count("true")).as("references to the dropped table's rows were cascaded").isZero();
        assertThat(integrity.check()).isEmpty();
    }

    private int ct(String schema) {
        return dsl.resultQuery("select id from polyref.content_type where app_label = {0} and model = 't'",
                DSL.val(schema)).fetchSingle().get(0, Integer.class);
    }
}
