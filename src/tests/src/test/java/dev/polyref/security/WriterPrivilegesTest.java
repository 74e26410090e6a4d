package dev.polyref.security;

import static dev.polyref.security.RegistryTriggerAttackTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ordinary roles that write tables with enforced keys, or own target tables, need no rights on schema polyref:
 * the CHECK still raises its own check violation, and the drop guard still fires for them (issue 8, item 4 and
 * the weak point "permission denied instead of the check violation").
 */
@PolyrefTest
class WriterPrivilegesTest {

    private final DSLContext dsl;
    private final TestRoles roles;

    WriterPrivilegesTest(TestDatabase db) {
        this.dsl = db.dsl();
        this.roles = new TestRoles(db);
    }

    @AfterEach
    void dropRoles() throws Exception {
        roles.close();
    }

    @Test
    void aWriterWithoutRightsOnPolyrefGetsTheCheckViolationNamingTableConstraintAndValues() {
        IntegrityFixture f = IntegrityFixture.create(dsl, "plain_writer");
        int notAllowed = dsl.resultQuery("select id from polyref.content_type where app_label = 'plain_writer' "
                + "and model = 'r'").fetchSingle().get(0, Integer.class);
        String check = dsl.resultQuery("select polyref.integrity_constraint_name('polyref_ck', 'ct', 'oid')::text")
                .fetchSingle().get(0, String.class);
        TestRoles.Role role = roles.create("writer");
        dsl.execute("grant usage on schema plain_writer to " + role.quoted());
        dsl.execute("grant insert on plain_writer.r to " + role.quoted());
        DSLContext writer = roles.connect(role);

        assertThatThrownBy(() -> writer.execute("insert into plain_writer.r (ct, oid) values ({0}, 1)", notAllowed))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("23514"))
                .hasMessageContaining("content type " + notAllowed + " (unknown) is not allowed for generic key "
                        + "plain_writer.r(?, ?) = (" + notAllowed + ", 1)")
                .hasMessageContaining("see constraint " + check);
        assertRefused(() -> writer.execute("insert into plain_writer.r (ct, oid) values ({0}, 999)",
                f.contentType()), "23503");
        writer.execute("insert into plain_writer.r (ct, oid) values ({0}, 1)", f.contentType());
        assertThat(f.references()).isEqualTo(11);
    }

    @Test
    void theDropGuardFiresForAnOrdinaryRoleDroppingItsOwnTargetTable() {
        TestRoles.Role role = roles.create("owner");
        dsl.execute("create schema own_target authorization " + role.quoted());
        DSLContext owner = roles.connect(role);
        owner.execute("create table own_target.t (id bigint primary key)");
        owner.execute("insert into own_target.t select generate_series(1, 5)");
        dsl.execute("create table own_target.r (id bigint generated always as identity primary key, ct integer "
                + "references polyref.content_type (id), oid bigint)");
        dsl.execute("select polyref.sync_content_types(array['own_target'])");
        dsl.execute("select polyref.declare_generic_key('own_target.r', 'target', 'ct', 'oid', "
                + "array['own_target.t']::regclass[], 'cascade', true)");
        int ct = dsl.resultQuery("select id from polyref.content_type where app_label = 'own_target' and model = 't'")
                .fetchSingle().get(0, Integer.class);
        dsl.execute("insert into own_target.r (ct, oid) select {0}, generate_series(1, 5)", ct);

        owner.execute("drop table own_target.t");

        assertThat(dsl.fetchCount(DSL.table("own_target.r"))).as("the event trigger cascaded").isZero();
        assertThat(dsl.fetchCount(DSL.table("polyref.object_bigint"), DSL.condition("content_type_id = {0}", ct)))
                .isZero();
        assertThat(dsl.fetchCount(DSL.table("polyref.integrity_target"), DSL.condition("content_type_id = {0}", ct)))
                .isZero();
        dsl.execute("select polyref.unenforce_generic_key('own_target.r', 'target')");
    }
}
