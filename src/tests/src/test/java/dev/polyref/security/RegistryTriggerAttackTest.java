package dev.polyref.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generated registry trigger functions ({@code polyref.object_registry_ct<N>()}) are SECURITY DEFINER: an
 * ordinary role must not be able to run them anywhere but on their own target table, nor make them read a
 * relation of its choosing (issue 8, item 1).
 */
@PolyrefTest
class RegistryTriggerAttackTest {

    private final TestDatabase db;
    private final DSLContext dsl;
    private final TestRoles roles;
    private final TestRoles.Role mallory;
    private final DSLContext attacker;

    RegistryTriggerAttackTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
        this.roles = new TestRoles(db);
        this.mallory = roles.create("mallory");
        dsl.execute("grant usage on schema polyref to " + mallory.quoted());
        // A schema of the attacker's own, for its marker table and its functions
        dsl.execute("create schema if not exists mallory_own authorization " + mallory.quoted());
        this.attacker = roles.connect(mallory);
        attacker.execute("create table mallory_own.marker (note text)");
        // Becomes superuser and leaves a note, if it ever runs with a superuser's rights
        attacker.execute("create function mallory_own.escalate() returns table (id bigint) language plpgsql as $$ "
                + "begin insert into mallory_own.marker values ('ran as ' || current_user); "
                + "execute 'alter role ' || quote_ident(session_user) || ' superuser'; return query select 1::bigint; "
                + "end $$");
    }

    @AfterEach
    void dropRoles() throws Exception {
        dsl.execute("alter role " + mallory.quoted() + " nosuperuser");
        roles.close();
    }

    @Test
    void attachingARegistryFunctionToTheAttackersTempTableIsRefused() {
        IntegrityFixture f = IntegrityFixture.create(dsl, "attach");
        attacker.execute("create temp table x (id bigint primary key)");

        assertRefused(() -> attacker.execute("create trigger x_del after delete on x referencing old table as "
                + "polyref_old for each statement execute function " + f.registryFunction() + "()"), "42501");
        assertRefused(() -> attacker.execute("create trigger x_ins after insert on x for each statement "
                + "execute function " + f.registryFunction() + "()"), "42501");
        assertThat(f.registryRows()).isEqualTo(10);
    }

    @Test
    void aPgTempViewShadowingTheTransitionTableIsNeverReadEvenWithExecuteGrantedByMistake() {
        IntegrityFixture f = IntegrityFixture.create(dsl, "shadow");
        // Even a careless GRANT EXECUTE must not let the attacker in: the function checks who fired it
        dsl.execute("grant execute on function " + f.registryFunction() + "() to " + mallory.quoted());
        prepareShadowingAttack(f.registryFunction() + "()");

        assertRefused(() -> attacker.execute("delete from x"), "42501");
        assertRefused(() -> attacker.execute("insert into x values (2)"), "42501");
        assertThat(roles.isSuperuser(mallory)).isFalse();
        assertThat(markerNotes()).isZero();
        assertThat(f.registryRows()).isEqualTo(10);
    }

    /**
     * The control for the test above: the same attack against a function built the way 0.1 generated them
     * (SECURITY DEFINER, no pinned search_path, no caller check, executable by PUBLIC) makes the attacker a
     * superuser. This is what the attack tests would see without the fix.
     */
    @Test
    void controlTheSameAttackEscalatesThroughAFunctionBuiltLike01() {
        IntegrityFixture f = IntegrityFixture.create(dsl, "control");
        dsl.execute("create function polyref.registry_like_01() returns trigger language plpgsql security definer "
                + "as $$ begin delete from polyref.object_bigint o using polyref_old d "
                + "where o.content_type_id operator(pg_catalog.=) " + f.contentType()
                + " and o.object_id operator(pg_catalog.=) d.id; return null; end $$");
        try {
            prepareShadowingAttack("polyref.registry_like_01()");
            attacker.execute("delete from x");

            assertThat(roles.isSuperuser(mallory)).isTrue();
            assertThat(markerNotes()).isOne();
        } finally {
            dsl.execute("alter role " + mallory.quoted() + " nosuperuser");
            dsl.execute("drop function polyref.registry_like_01() cascade");
        }
    }

    @Test
    void deletingRegistryRowsThroughTheFunctionOnAnotherTableIsRefused() {
        IntegrityFixture f = IntegrityFixture.create(dsl, "delete_rows");
        dsl.execute("grant execute on function " + f.registryFunction() + "() to " + mallory.quoted());
        attacker.execute("create temp table x (id bigint primary key)");
        attacker.execute("insert into x select generate_series(1, 10)");
        // A trigger exactly like Polyref's, but on the attacker's table: its rows are the target's ids
        attacker.execute("create trigger x_del after delete on x referencing old table as polyref_old "
                + "for each statement execute function " + f.registryFunction() + "()");

        assertRefused(() -> attacker.execute("delete from x"), "42501");
        assertThat(f.registryRows()).isEqualTo(10);
        assertThat(f.references()).as("no cascade into a table the attacker cannot touch").isEqualTo(10);
    }

    @Test
    void aWriterWithOnlyTableRightsOnATargetKeepsTheRegistryInStep() {
        IntegrityFixture f = IntegrityFixture.create(dsl, "writer");
        TestRoles.Role writer = roles.create("writer");
        dsl.execute("grant usage on schema writer to " + writer.quoted());
        dsl.execute("grant select, insert, update, delete, truncate on writer.t to " + writer.quoted());
        DSLContext w = roles.connect(writer);

        w.execute("insert into writer.t values (11), (12)");
        assertThat(f.registryRows()).isEqualTo(12);
        w.execute("delete from writer.t where id = 1");
        assertThat(f.registryRows()).isEqualTo(11);
        assertThat(f.references()).as("ON DELETE CASCADE applied").isEqualTo(9);
        w.execute("update writer.t set id = 200 where id = 2");
        assertThat(dsl.fetchCount(DSL.table("writer.r"), DSL.condition("oid = 200"))).as("ON UPDATE CASCADE").isOne();
        w.execute("truncate writer.t");
        assertThat(f.registryRows()).isZero();
        assertThat(f.references()).isZero();
    }

    @Test
    void aPartitionedTargetStillMirrorsInsertsUpdatesAndDeletes() {
        dsl.execute("create schema parted");
        dsl.execute("create table parted.t (id bigint primary key) partition by range (id)");
        dsl.execute("create table parted.t_low partition of parted.t for values from (0) to (100)");
        dsl.execute("create table parted.t_high partition of parted.t for values from (100) to (1000)");
        dsl.execute("create table parted.r (id bigint generated always as identity primary key, ct integer "
                + "references polyref.content_type (id), oid bigint)");
        dsl.execute("select polyref.sync_content_types(array['parted'])");
        dsl.execute("select polyref.declare_generic_key('parted.r', 'target', 'ct', 'oid', "
                + "array['parted.t']::regclass[], 'cascade', true)");
        int ct = dsl.resultQuery("select id from polyref.content_type where app_label = 'parted' and model = 't'")
                .fetchSingle().get(0, Integer.class);

        dsl.execute("insert into parted.t values (1), (2), (150)");
        dsl.execute("insert into parted.r (ct, oid) values ({0}, 1), ({0}, 150)", ct);
        dsl.execute("update parted.t set id = 3 where id = 1");
        dsl.execute("delete from parted.t where id = 150");

        assertThat(dsl.fetch("select object_id from polyref.object_bigint where content_type_id = {0} order by 1", ct)
                .getValues(0, Long.class)).containsExactly(2L, 3L);
        assertThat(dsl.fetch("select oid from parted.r").getValues(0, Long.class)).containsExactly(3L);
    }

    @Test
    void registryFunctionsAreOwnedByTheOwnerOfPolyrefsTablesPinTheirPathAndAreNotPublic() {
        IntegrityFixture f = IntegrityFixture.create(dsl, "owned");
        var row = dsl.resultQuery("""
                select p.proowner = (select relowner from pg_class where oid = 'polyref.object_bigint'::regclass),
                       p.prosecdef, p.proconfig::text,
                       exists (select from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                               where a.grantee = 0 and a.privilege_type = 'EXECUTE'),
                       p.prosrc
                from pg_proc p where p.oid = {0}::regprocedure""", f.registryFunction() + "()").fetchSingle();
        assertThat(row.get(0, Boolean.class)).isTrue();
        assertThat(row.get(1, Boolean.class)).isTrue();
        assertThat(row.get(2, String.class)).isEqualTo("{\"search_path=pg_catalog, pg_temp\"}");
        assertThat(row.get(3, Boolean.class)).as("PUBLIC may execute").isFalse();
        // The fast path compares the firing table's schema and name with quoted literals; nothing else names it
        assertThat(row.get(4, String.class).replace("'owned'", "")).as("the target named elsewhere in the body")
                .doesNotContain("owned");
    }

    /**
     * The fast path skips the catalogue query only while no pg_temp relation is named like a transition table. An
     * attacker allowed to add triggers to the registered target itself (and, by mistake, to execute the function)
     * adds one without transition tables and shadows {@code polyref_new} with a view: the full check refuses it.
     * Without the pg_temp condition the fast path would have run the view as the function's owner.
     */
    @Test
    void aShadowViewWithATriggerOnTheRegisteredTargetItselfIsRefused() {
        IntegrityFixture f = IntegrityFixture.create(dsl, "own_target");
        dsl.execute("grant execute on function " + f.registryFunction() + "() to " + mallory.quoted());
        dsl.execute("grant usage on schema own_target to " + mallory.quoted());
        dsl.execute("grant insert, trigger on own_target.t to " + mallory.quoted());
        attacker.execute("create temp view polyref_new as select * from mallory_own.escalate()");
        attacker.execute("create trigger x_ins after insert on own_target.t for each statement execute function "
                + f.registryFunction() + "()");
        try {
            assertRefused(() -> attacker.execute("insert into own_target.t values (11)"), "42501");
            assertThat(roles.isSuperuser(mallory)).isFalse();
            assertThat(markerNotes()).isZero();
            assertThat(f.registryRows()).isEqualTo(10);
        } finally {
            dsl.execute("drop trigger x_ins on own_target.t");
        }
    }

    /**
     * An ordinary insert into a target reads no catalogue to check its caller (the fast path), so it goes through
     * while another session holds polyref.integrity_target locked; after a rename the body's schema and name no
     * longer match, the full check runs and waits for that lock, and once the lock is gone the registry is kept
     * as before.
     */
    @Test
    void theCallerCheckReadsNoCatalogueUntilTheTargetIsRenamed() throws Exception {
        IntegrityFixture f = IntegrityFixture.create(dsl, "fast");
        DSLContext locker = dsl;
        try (Connection connection = db.dataSource().getConnection()) {
            DSLContext writer = DSL.using(connection, SQLDialect.POSTGRES);
            writer.execute("set lock_timeout = '300ms'");
            fastPathThenFullCheck(f, locker, writer);
        }
    }

    private void fastPathThenFullCheck(IntegrityFixture f, DSLContext locker, DSLContext writer) {
        locker.transaction(tx -> {
            tx.dsl().execute("lock table polyref.integrity_target in access exclusive mode");
            writer.execute("insert into fast.t values (11)");
            writer.execute("delete from fast.t where id = 1");
        });
        assertThat(f.registryRows()).isEqualTo(10);
        assertThat(f.references()).as("ON DELETE CASCADE applied on the fast path").isEqualTo(9);

        dsl.execute("alter table fast.t rename to t_renamed");
        locker.transaction(tx -> {
            tx.dsl().execute("lock table polyref.integrity_target in access exclusive mode");
            assertRefused(() -> writer.execute("insert into fast.t_renamed values (12)"), "55P03");
        });
        writer.execute("insert into fast.t_renamed values (12)");
        writer.execute("delete from fast.t_renamed where id = 2");
        assertThat(f.registryRows()).isEqualTo(10);
        assertThat(f.references()).isEqualTo(8);
    }

    /**
     * Polyref installed by a non-superuser who owns its registry tables, a key enforced by a superuser: the
     * SECURITY DEFINER function is handed to the installer, so it never runs as a superuser, and it still works.
     */
    @Test
    void aFunctionMadeByASuperuserIsHandedToTheNonSuperuserOwnerOfTheRegistry() {
        TestRoles.Role installer = roles.create("installer");
        dsl.execute("grant usage on schema polyref to " + installer.quoted());
        // Polyref installed by the installer: it owns every table of schema polyref
        for (String table : dsl.fetch("select tablename from pg_tables where schemaname = 'polyref'")
                .getValues(0, String.class)) {
            dsl.execute("alter table polyref." + table + " owner to " + installer.quoted());
        }
        try {
            IntegrityFixture f = IntegrityFixture.create(dsl, "handed");
            assertThat(dsl.fetchSingle("select proowner::regrole::text from pg_proc where oid = {0}::regprocedure",
                    f.registryFunction() + "()").get(0, String.class)).isEqualTo(installer.name());
            dsl.execute("insert into handed.t values (11)");
            dsl.execute("delete from handed.t where id = 1");
            assertThat(f.registryRows()).isEqualTo(10);
            assertThat(f.references()).isEqualTo(9);
        } finally {
            dsl.execute("reassign owned by " + installer.quoted() + " to current_user");
        }
    }

    /** The attacker's temp table x with a trigger running {@code function} and a pg_temp view polyref_old. */
    private void prepareShadowingAttack(String function) {
        attacker.execute("create temp table x (id bigint primary key)");
        attacker.execute("insert into x values (1)");
        attacker.execute("create temp view polyref_old as select * from mallory_own.escalate()");
        attacker.execute("create temp view polyref_new as select * from mallory_own.escalate()");
        attacker.execute("create trigger x_del after delete on x for each statement execute function " + function);
        attacker.execute("create trigger x_ins after insert on x for each statement execute function " + function);
    }

    private int markerNotes() {
        return dsl.fetchCount(DSL.table("mallory_own.marker"));
    }

    static void assertRefused(ThrowingCallable attack, String sqlState) {
        assertThatThrownBy(attack).isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo(sqlState));
    }
}
