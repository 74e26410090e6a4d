package dev.polyref.security;

import static dev.polyref.security.RegistryTriggerAttackTest.assertRefused;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An ordinary role names its schema, tables and columns with SQL and PL/pgSQL in them; the superuser declares and
 * enforces a key over them and writes rows: every public SQL function works with the names as they are, and no
 * injected code ever runs (issue 8, items 2 and 4). 0.1 pasted the target table's name into a comment line of
 * the generated trigger function, so the first name below ran {@code mark.pwn()} as the function's owner.
 */
@PolyrefTest
class SqlIdentifierTest {

    private final DSLContext dsl;
    private final TestRoles roles;
    private final TestRoles.Role attacker;
    private final DSLContext attackerDsl;

    SqlIdentifierTest(TestDatabase db) {
        this.dsl = db.dsl();
        this.roles = new TestRoles(db);
        this.attacker = roles.create("namer");
        // What an application role that declares keys has: it may reference the catalogue
        dsl.execute("grant usage on schema polyref to " + attacker.quoted());
        dsl.execute("grant references on polyref.content_type to " + attacker.quoted());
        dsl.execute("create schema mark authorization " + attacker.quoted());
        this.attackerDsl = roles.connect(attacker);
        attackerDsl.execute("create table mark.ran (who text)");
        attackerDsl.execute("grant insert on mark.ran to public");
        attackerDsl.execute("create function mark.pwn() returns integer language plpgsql as $$ begin "
                + "insert into mark.ran values (current_user); "
                + "if (select rolsuper from pg_roles where rolname = current_user) then "
                + "execute 'alter role ' || quote_ident(session_user) || ' superuser'; end if; return 1; end $$");
        attackerDsl.execute("grant execute on function mark.pwn() to public");
    }

    @AfterEach
    void dropRoles() throws Exception {
        dsl.execute("alter role " + attacker.quoted() + " nosuperuser");
        roles.close();
        // The attacker's tables are gone with it: so are the keys declared on them
        dsl.execute("select polyref.integrity_repair()");
    }

    @Test
    void aNewlineFollowedByPlpgsql() {
        // Its own schema name: 0.1 wrote "schema"."table" into the comment line, and two equal declarations of v
        // would not compile
        throughEveryPublicFunction("s\ndeclare w int := mark.pwn(); --", "t\ndeclare v int := mark.pwn(); --");
    }

    @Test
    void quotes() {
        throughEveryPublicFunction("q\"uo'te\"\"'; select mark.pwn(); --");
    }

    @Test
    void backslashes() {
        throughEveryPublicFunction("b\\ack\\'slash\\");
    }

    @Test
    void dollarQuotes() {
        throughEveryPublicFunction("d$$ $body$ $create$; perform mark.pwn(); $$");
    }

    @Test
    void commentMarkers() {
        throughEveryPublicFunction("c*/ perform mark.pwn(); /* -- x");
    }

    @Test
    void unicode() {
        throughEveryPublicFunction("ünïcødé_表_🙂 ‮evil");
    }

    @Test
    void sixtyThreeBytes() {
        String name = "n" + "é".repeat(31);
        assertThat(name.getBytes(UTF_8)).hasSize(63);
        throughEveryPublicFunction(name);
    }

    /**
     * Schema {@code name}, target table and its key column, referencing table and its two columns, and a table that
     * goes stale: all named after {@code name} (its first character changed), all made by the attacker.
     */
    private void throughEveryPublicFunction(String name) {
        throughEveryPublicFunction(name, name);
    }

    private void throughEveryPublicFunction(String schema, String name) {
        try {
            everyPublicFunction(schema, name);
        } finally {
            // Checked even when a step failed: against 0.1 the newline case has run mark.pwn() by then
            assertThat(dsl.fetchCount(DSL.table("mark.ran"))).as("injected code ran").isZero();
            assertThat(roles.isSuperuser(attacker)).isFalse();
        }
    }

    private void everyPublicFunction(String schema, String base) {
        String name = schema;
        String target = variant(base, 't');
        String pk = variant(base, 'k');
        String referencing = variant(base, 'r');
        String ct = variant(base, 'c');
        String id = variant(base, 'i');
        String stale = variant(base, 's');
        dsl.execute("create schema {0} authorization " + attacker.quoted(), DSL.name(name));
        attackerDsl.execute("create table {0} ({1} bigint primary key)", DSL.name(name, target), DSL.name(pk));
        attackerDsl.execute("create table {0} (id bigint generated always as identity primary key, "
                + "{1} integer references polyref.content_type (id), {2} bigint)",
                DSL.name(name, referencing), DSL.name(ct), DSL.name(id));
        attackerDsl.execute("create table {0} (id bigint primary key)", DSL.name(name, stale));

        // Catalogue
        assertThat(dsl.fetch("select model from polyref.sync_content_types(array[{0}]) order by 1", name)
                .getValues(0, String.class)).containsExactlyInAnyOrder(target, referencing, stale);
        attackerDsl.execute("drop table {0}", DSL.name(name, stale));
        assertThat(dsl.fetch("select model from polyref.stale_content_types() where app_label = {0}", name)
                .getValues(0, String.class)).containsExactly(stale);
        int targetType = contentType(name, target);

        // Declaration and its problems
        dsl.execute("select polyref.declare_generic_key({0}, 'key', {1}, {2}, array[{3}])",
                regclass(name, referencing), ct, id, regclass(name, target));
        assertThat(dsl.fetch("select * from polyref.generic_key_problems() where table_schema = {0}", name))
                .isEmpty();

        // Enforcement, then writes that fire the registry trigger, the foreign key and the CHECK
        assertThat(dsl.fetchSingle("select (polyref.enforce_generic_key({0}, 'key')).validated",
                regclass(name, referencing)).get(0, Boolean.class)).isTrue();
        attackerDsl.execute("insert into {0} values (1), (2)", DSL.name(name, target));
        attackerDsl.execute("insert into {0} ({1}, {2}) values ({3}, 1), ({3}, 2)", DSL.name(name, referencing),
                DSL.name(ct), DSL.name(id), DSL.val(targetType));
        assertRefused(() -> attackerDsl.execute("insert into {0} ({1}, {2}) values ({3}, 3)",
                DSL.name(name, referencing), DSL.name(ct), DSL.name(id), DSL.val(targetType)), "23503");
        assertRefused(() -> attackerDsl.execute("insert into {0} ({1}, {2}) values ({3}, 1)",
                DSL.name(name, referencing), DSL.name(ct), DSL.name(id),
                DSL.val(contentType(name, referencing))), "23514");
        attackerDsl.execute("update {0} set {1} = 20 where {1} = 2", DSL.name(name, target), DSL.name(pk));
        attackerDsl.execute("delete from {0} where {1} = 1", DSL.name(name, target), DSL.name(pk));
        assertThat(attackerDsl.fetch("select {0} from {1}", DSL.name(id), DSL.name(name, referencing))
                .getValues(0, Long.class)).containsExactly(20L);
        assertThat(dsl.fetch("select * from polyref.generic_key_violations({0}, 'key')",
                regclass(name, referencing))).isEmpty();
        assertThat(dsl.fetch("select * from polyref.integrity_check()")).isEmpty();
        assertThat(dsl.fetchSingle("select polyref.unenforce_generic_key({0}, 'key')",
                regclass(name, referencing)).get(0, Boolean.class)).isTrue();

        // Dangling references of the declared key, now that nothing refuses them
        attackerDsl.execute("insert into {0} ({1}, {2}) values ({3}, 404)", DSL.name(name, referencing),
                DSL.name(ct), DSL.name(id), DSL.val(targetType));
        assertThat(dsl.fetch("select table_name, dangling, problem from polyref.dangling_references() "
                + "where table_schema = {0}", name).map(r -> r.get(0) + "/" + r.get(1) + "/" + r.get(2)))
                .containsExactly(referencing + "/1/missing_object");
    }

    private static String variant(String name, char first) {
        return first + name.substring(name.offsetByCodePoints(0, 1));
    }

    private Field<?> regclass(String schema, String table) {
        return DSL.field("(select c.oid::regclass from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = {0} and c.relname = {1})", DSL.val(schema), DSL.val(table));
    }

    private int contentType(String schema, String table) {
        return dsl.fetchSingle("select id from polyref.content_type where app_label = {0} and model = {1}",
                schema, table).get(0, Integer.class);
    }
}
