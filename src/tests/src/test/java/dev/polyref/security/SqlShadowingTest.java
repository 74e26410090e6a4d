package dev.polyref.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A superuser whose search_path starts with a schema an attacker owns runs Polyref's SQL: no function or operator
 * the attacker put there is ever called (issue 8, item 4). Each shadow is SECURITY INVOKER, writes a marker row and
 * makes the attacker superuser when it runs as one; the shadows are better matches than pg_catalog's built-ins
 * (exact argument types where pg_catalog's take "any", anyarray or a binary-coercible type), and with the second
 * path, where pg_catalog comes after the attacker's schema, even the identical signatures win.
 */
@PolyrefTest
class SqlShadowingTest {

    private static final String PWN = """
            create function evil.pwn() returns boolean language plpgsql set search_path = pg_catalog as $$
            begin
                insert into evil.marker values (current_user);
                if (select rolsuper from pg_roles where rolname = current_user) then
                    execute format('alter role %I superuser', (select nspowner::regrole::text from pg_namespace
                                                               where nspname = 'evil'));
                end if;
                return true;
            end $$""";

    /** name, argument types, result type, the built-in's expression over $1, $2, ... */
    private static final String[][] FUNCTIONS = {
            {"format", "text, text", "text", "pg_catalog.format($1, $2)"},
            {"format", "text, text, text", "text", "pg_catalog.format($1, $2, $3)"},
            {"format", "text, text, text, text", "text", "pg_catalog.format($1, $2, $3, $4)"},
            {"format", "text, text, text, text, text", "text", "pg_catalog.format($1, $2, $3, $4, $5)"},
            {"format", "text, name, name", "text", "pg_catalog.format($1, $2, $3)"},
            {"format", "text, regclass, name, name", "text", "pg_catalog.format($1, $2, $3, $4)"},
            {"cardinality", "smallint[]", "integer", "pg_catalog.cardinality($1)"},
            {"cardinality", "integer[]", "integer", "pg_catalog.cardinality($1)"},
            {"cardinality", "regclass[]", "integer", "pg_catalog.cardinality($1)"},
            {"array_position", "text[], text", "integer", "pg_catalog.array_position($1, $2)"},
            {"quote_ident", "text", "text", "pg_catalog.quote_ident($1)"},
            {"quote_ident", "name", "text", "pg_catalog.quote_ident($1)"},
            {"to_regclass", "text", "regclass", "pg_catalog.to_regclass($1)"},
            {"format_type", "oid, integer", "text", "pg_catalog.format_type($1, $2)"},
            {"md5", "text", "text", "pg_catalog.md5($1)"},
            {"left", "text, integer", "text", "pg_catalog.left($1, $2)"},
            {"upper", "text", "text", "pg_catalog.upper($1)"},
            {"btrim", "text", "text", "pg_catalog.btrim($1)"},
            {"regexp_replace", "text, text, text, text", "text", "pg_catalog.regexp_replace($1, $2, $3, $4)"},
            {"current_setting", "text", "text", "pg_catalog.current_setting($1)"},
            {"has_function_privilege", "text, text", "boolean", "pg_catalog.has_function_privilege($1, $2)"},
    };

    /**
     * Left and right types of the = and <> operators shadowed, and the type they compare in (so that they answer
     * like the built-ins and unpinned code runs on to the next shadow): the mixed ones Polyref's SQL compares. Not the
     * same-type ones like (oid, oid): with the attacker's schema before pg_catalog they would capture the JDBC
     * driver's own catalogue queries, which are not Polyref's.
     */
    private static final String[][] OPERATORS = {
            {"text", "character varying", "text"}, {"character varying", "text", "text"}, {"name", "text", "text"},
            {"text", "name", "text"}, {"integer", "bigint", "bigint"}, {"bigint", "integer", "bigint"},
            {"regclass", "oid", "oid"}, {"oid", "regclass", "oid"}, {"regclass", "regclass", "oid"},
            {"regtype", "regtype", "oid"}, {"smallint", "integer", "integer"}, {"name", "character varying", "text"},
    };

    private final TestDatabase db;
    private final DSLContext dsl;
    private final TestRoles roles;
    private final TestRoles.Role attacker;

    SqlShadowingTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
        this.roles = new TestRoles(db);
        this.attacker = roles.create("evil");
        dsl.execute("create schema evil authorization " + attacker.quoted());
        plantShadows(roles.connect(attacker));
    }

    @AfterEach
    void dropRoles() throws Exception {
        dsl.execute("alter role " + attacker.quoted() + " nosuperuser");
        roles.close();
    }

    @Test
    void noPublicFunctionOrTriggerRunsTheAttackersShadowsWithTheAttackersSchemaFirst() throws SQLException {
        try {
            runEverything("shadow_first", "evil, public");
        } finally {
            assertNoShadowRan();
        }
    }

    @Test
    void noPublicFunctionOrTriggerRunsTheAttackersShadowsEvenBeforePgCatalog() throws SQLException {
        try {
            runEverything("shadow_catalog", "evil, pg_catalog, public");
        } finally {
            assertNoShadowRan();
        }
    }

    /** The control: stale_content_types() as 0.1 shipped it (no pinned search_path) runs the shadowed format. */
    @Test
    void controlAnUnpinnedFunctionRunsTheShadowAsTheSuperuser() throws SQLException {
        dsl.execute("alter function polyref.stale_content_types() reset search_path");
        try (Connection c = db.dataSource().getConnection()) {
            DSLContext superuser = TestDatabase.dsl(c, new StatementCounter());
            superuser.execute("set search_path = evil, public");
            superuser.fetch("select * from polyref.stale_content_types()");
        } finally {
            dsl.execute("alter function polyref.stale_content_types() set search_path = pg_catalog, pg_temp");
        }
        assertThat(roles.isSuperuser(attacker)).isTrue();
        assertThat(markerRows()).isPositive();
    }

    /** Every public SQL function, and every trigger, as the superuser with {@code path}. */
    private void runEverything(String schema, String path) throws SQLException {
        dsl.execute("create schema " + schema);
        dsl.execute("create table " + schema + ".t (id bigint primary key)");
        dsl.execute("create table " + schema + ".gone (id bigint primary key)");
        dsl.execute("create table " + schema + ".r (id bigint generated always as identity primary key, "
                + "ct integer references polyref.content_type (id), oid bigint)");
        String r = "'" + schema + ".r'::regclass";
        String targets = "array['" + schema + ".t', '" + schema + ".gone']::regclass[]";
        try (Connection c = db.dataSource().getConnection()) {
            DSLContext superuser = TestDatabase.dsl(c, new StatementCounter());
            superuser.execute("set search_path = " + path);
            superuser.fetch("select * from polyref.sync_content_types(array['" + schema + "'])");
            superuser.fetch("select * from polyref.declare_generic_key(" + r + ", 'k', 'ct', 'oid', " + targets + ")");
            superuser.fetch("select * from polyref.enforce_generic_key(" + r + ", 'k')");
            superuser.fetch("select * from polyref.declare_generic_key(" + r + ", 'k', 'ct', 'oid', " + targets
                    + ", 'cascade', true)");
            int t = superuser.fetchSingle("select polyref.content_type_of('" + schema + ".t'::regclass)")
                    .get(0, Integer.class);
            // The triggers: registry upkeep, the CHECK (allowed and not), the foreign key actions
            superuser.execute("insert into " + schema + ".t values (1), (2), (3)");
            superuser.execute("insert into " + schema + ".r (ct, oid) values (" + t + ", 1), (" + t + ", 2)");
            int notAllowed = superuser.fetchSingle("select polyref.content_type_of('" + schema
                    + ".r'::regclass)").get(0, Integer.class);
            assertThat(catchThrowable(() -> superuser.execute("insert into " + schema + ".r (ct, oid) values ("
                    + notAllowed + ", 1)"))).hasMessageContaining("is not allowed");
            // The test's own statements compare with operator(pg_catalog.=): only Polyref's SQL is under test
            superuser.execute("update " + schema + ".t set id = 4 where id operator(pg_catalog.=) 2");
            superuser.execute("delete from " + schema + ".t where id operator(pg_catalog.=) 1");
            superuser.execute("truncate " + schema + ".t cascade");
            superuser.execute("drop table " + schema + ".gone");
            superuser.fetch("select * from polyref.stale_content_types()");
            superuser.fetch("select * from polyref.generic_key_problems()");
            superuser.fetch("select * from polyref.dangling_references()");
            superuser.fetch("select * from polyref.generic_key_violations(" + r + ", 'k')");
            superuser.fetch("select * from polyref.integrity_check()");
            superuser.fetch("select * from polyref.integrity_repair()");
            superuser.fetch("select * from polyref.unenforce_generic_key(" + r + ", 'k')");
        }
    }

    private void plantShadows(DSLContext evil) {
        evil.execute("create table evil.marker (who text)");
        evil.execute("grant insert on evil.marker to public");
        evil.execute(PWN);
        evil.execute("grant execute on function evil.pwn() to public");
        for (String[] f : FUNCTIONS) {
            evil.execute("create function evil." + f[0] + "(" + f[1] + ") returns " + f[2] + " language plpgsql "
                    + "as $$ begin perform evil.pwn(); return " + f[3] + "; end $$");
        }
        evil.execute("create function evil.string_agg_step(text, text, text) returns text language plpgsql as $$ "
                + "begin perform evil.pwn(); return coalesce($1 operator(pg_catalog.||) $3, '') "
                + "operator(pg_catalog.||) $2; end $$");
        evil.execute("create aggregate evil.string_agg(text, text) (sfunc = evil.string_agg_step, stype = text)");
        evil.execute("create function evil.array_agg_step(integer[], integer) returns integer[] language plpgsql "
                + "as $$ begin perform evil.pwn(); return pg_catalog.array_append($1, $2); end $$");
        evil.execute("create aggregate evil.array_agg(integer) (sfunc = evil.array_agg_step, stype = integer[])");
        int i = 0;
        for (String[] op : OPERATORS) {
            String fn = "evil.op" + (i++);
            evil.execute("create function " + fn + "(" + op[0] + ", " + op[1] + ") returns boolean language plpgsql "
                    + "as $$ begin perform evil.pwn(); "
                    + "return $1::" + op[2] + " operator(pg_catalog.=) $2::" + op[2] + "; end $$");
            evil.execute("create function " + fn + "_ne(" + op[0] + ", " + op[1] + ") returns boolean "
                    + "language plpgsql as $$ begin perform evil.pwn(); "
                    + "return $1::" + op[2] + " operator(pg_catalog.<>) $2::" + op[2] + "; end $$");
            evil.execute("create operator evil.= (leftarg = " + op[0] + ", rightarg = " + op[1] + ", function = "
                    + fn + ")");
            evil.execute("create operator evil.<> (leftarg = " + op[0] + ", rightarg = " + op[1] + ", function = "
                    + fn + "_ne)");
        }
    }

    /** Checked even when a call failed: a shadow that ran may have broken what it replaced. */
    private void assertNoShadowRan() {
        assertThat(roles.isSuperuser(attacker)).isFalse();
        assertThat(markerRows()).isZero();
    }

    private int markerRows() {
        return dsl.fetchCount(DSL.table("evil.marker"));
    }
}
