package dev.polyref.security;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.cli.Cli;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ordinary role owns a schema on the superuser's search_path (here through the URL's {@code currentSchema},
 * so only the CLI's connection sees it) and fills it with functions and operators that match the calls Polyref
 * makes better than the built-ins do. Each one, if called, makes the attacker superuser and writes a marker row.
 * The superuser then runs every database command of the CLI: none of them may call into {@code evil}.
 */
@PolyrefTest
class CliShadowingTest {

    /** Shadows of built-ins, each a better match for a call with varchar binds or name columns than pg_catalog's. */
    private static final String SHADOWS = """
            create table evil.marker (what text);
            create function evil.pwn(what text) returns void language plpgsql as $f$
            begin
                insert into evil.marker values (what);
                begin
                    execute pg_catalog.format('alter role %I superuser', '@ATTACKER@');
                exception when insufficient_privilege then null;
                end;
            end $f$;
            create function evil.to_regclass(varchar) returns regclass language plpgsql as $f$
                begin perform evil.pwn('to_regclass'); return pg_catalog.to_regclass($1::text); end $f$;
            create function evil.current_setting(varchar) returns text language plpgsql as $f$
                begin perform evil.pwn('current_setting'); return pg_catalog.current_setting($1::text); end $f$;
            create function evil.set_config(varchar, varchar, boolean) returns text language plpgsql as $f$
                begin perform evil.pwn('set_config');
                return pg_catalog.set_config($1::text, $2::text, $3); end $f$;
            create function evil.setval(regclass, integer, boolean) returns bigint language plpgsql as $f$
                begin perform evil.pwn('setval'); return pg_catalog.setval($1, $2, $3); end $f$;
            create function evil.array_position(smallint[], smallint) returns integer language plpgsql as $f$
                begin perform evil.pwn('array_position'); return pg_catalog.array_position($1, $2); end $f$;
            create function evil.cardinality(smallint[]) returns integer language plpgsql as $f$
                begin perform evil.pwn('cardinality'); return pg_catalog.cardinality($1); end $f$;
            create function evil.format(text, name, name) returns text language plpgsql as $f$
                begin perform evil.pwn('format'); return pg_catalog.format($1, $2, $3); end $f$;
            create function evil.pg_get_serial_sequence(text, name) returns text language plpgsql as $f$
                begin perform evil.pwn('pg_get_serial_sequence');
                return pg_catalog.pg_get_serial_sequence($1, $2::text); end $f$;
            create function evil.quote_ident(name) returns text language plpgsql as $f$
                begin perform evil.pwn('quote_ident'); return pg_catalog.quote_ident($1::text); end $f$;
            create function evil.eq(name, varchar) returns boolean language plpgsql as $f$
                begin perform evil.pwn('=(name, varchar)'); return $1::text operator(pg_catalog.=) $2::text; end $f$;
            create operator evil.= (leftarg = name, rightarg = varchar, function = evil.eq);
            create function evil.eq(name, text) returns boolean language plpgsql as $f$
                begin perform evil.pwn('=(name, text)'); return $1::text operator(pg_catalog.=) $2; end $f$;
            create operator evil.= (leftarg = name, rightarg = text, function = evil.eq);
            create function evil.eq(text, varchar) returns boolean language plpgsql as $f$
                begin perform evil.pwn('=(text, varchar)'); return $1 operator(pg_catalog.=) $2::text; end $f$;
            create operator evil.= (leftarg = text, rightarg = varchar, function = evil.eq);
            create function evil.eq(varchar, name) returns boolean language plpgsql as $f$
                begin perform evil.pwn('=(varchar, name)'); return $1::text operator(pg_catalog.=) $2::text; end $f$;
            create operator evil.= (leftarg = varchar, rightarg = name, function = evil.eq);
            create function evil.eq(oid, regtype) returns boolean language plpgsql as $f$
                begin perform evil.pwn('=(oid, regtype)'); return $1 operator(pg_catalog.=) $2::oid; end $f$;
            create operator evil.= (leftarg = oid, rightarg = regtype, function = evil.eq);
            create function evil.eq(oid, regclass) returns boolean language plpgsql as $f$
                begin perform evil.pwn('=(oid, regclass)'); return $1 operator(pg_catalog.=) $2::oid; end $f$;
            create operator evil.= (leftarg = oid, rightarg = regclass, function = evil.eq);
            """;

    private final TestDatabase db;
    private final DSLContext dsl;
    private TestRoles roles;
    private TestRoles.Role mallory;

    @TempDir
    Path dir;

    CliShadowingTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeEach
    void attackerPreparesSchemaEvil() {
        roles = new TestRoles(db);
        mallory = roles.create("mallory");
        dsl.execute("create schema evil authorization " + mallory.quoted());
        roles.connect(mallory).execute(SHADOWS.replace("@ATTACKER@", mallory.name()));
        // Something for stale, check and sync to work on: a stale content type, a new table, a row
        dsl.execute("create table example.gone (id int primary key)");
        assertThat(polyref().run(db, "sync").exitCode()).isZero();
        dsl.execute("drop table example.gone");
        dsl.execute("create table example.fresh (id serial primary key)");
        dsl.execute("insert into example.users (id, username) values (1, 'ada')");
    }

    @AfterEach
    void cleanUp() throws Exception {
        dsl.execute("truncate example.users cascade");
        dsl.execute("drop table if exists example.fresh");
        dsl.execute("delete from polyref.content_type where model in ('gone', 'fresh')");
        roles.close();
    }

    @Test
    void staleListsWithoutCallingShadows() {
        assertSafe(run("stale"));
    }

    @Test
    void staleRemoveWithoutCallingShadows() {
        assertSafe(run("stale", "--remove", "--yes"));
    }

    @Test
    void checkWithoutCallingShadows() {
        Cli.Result result = run("check");
        assertThat(result.exitCode()).as(result.toString()).isIn(0, 2);
        assertNotEscalated();
    }

    @Test
    void dumpWithoutCallingShadows() {
        assertSafe(run("dump", "--table", "example.users", "--table", "example.fresh"));
    }

    @Test
    void loadWithoutCallingShadows() throws Exception {
        Path fixture = Files.writeString(dir.resolve("f.json"), """
                {"format": "polyref-fixture/1", "tables": [
                  {"table": "example.users", "rows": [{"id": 1, "username": "ada"}, {"id": 2, "username": "bo"}]},
                  {"table": "example.fresh", "rows": [{"id": 5}]}
                ]}""");
        assertSafe(run("load", "--file", fixture.toString()));
    }

    @Test
    void listWithoutCallingShadows() {
        assertSafe(run("list"));
    }

    @Test
    void syncWithoutCallingShadows() {
        assertSafe(run("sync"));
    }

    @Test
    void theAttackWorksWhereTheSearchPathIsNotPinned() {
        // The control: the same connection string, a query as Polyref 0.1 wrote it, and the attacker wins
        try (org.jooq.CloseableDSLContext victim = org.jooq.impl.DSL.using(evilPathUrl(), db.user(),
                db.password())) {
            victim.fetch("select n.nspname from pg_catalog.pg_namespace n where n.nspname = {0}", "evil");
        }
        assertThat(roles.isSuperuser(mallory)).isTrue();
        dsl.execute("alter role " + mallory.quoted() + " nosuperuser");
    }

    private Cli.Result run(String... args) {
        return polyref().runOn(evilPathUrl(), db, args);
    }

    /** The test database, with the attacker's schema first on the connection's search_path. */
    private String evilPathUrl() {
        return db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=evil,public";
    }

    private void assertSafe(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertNotEscalated();
    }

    private void assertNotEscalated() {
        assertThat(dsl.fetch("select what from evil.marker").getValues(0)).as("shadows called").isEmpty();
        assertThat(roles.isSuperuser(mallory)).isFalse();
    }
}
