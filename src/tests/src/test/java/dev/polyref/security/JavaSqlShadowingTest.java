package dev.polyref.security;

import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.Polyref;
import dev.polyref.catalogue.internal.CatalogueEntry;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.internal.ContentTypeColumn;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.catalogue.internal.StaleContentTypes;
import dev.polyref.check.Check;
import dev.polyref.check.Checks;
import dev.polyref.check.internal.GenericKeyFinder;
import dev.polyref.check.internal.GenericKeyIndexCheck;
import dev.polyref.example.db.Models;
import dev.polyref.migration.PolyrefMigrations;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.ScratchDatabase;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.callback.Statement;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.OperationResult;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 8 item 4, for the SQL that Polyref's Java code builds: an attacker who can create objects in a schema on a
 * superuser's {@code search_path} shadows the built-in functions and operators that SQL uses with candidates whose
 * argument types match more exactly than pg_catalog's (PostgreSQL prefers an exact type match wherever it is in
 * the path). Each shadow is SECURITY INVOKER, so when the superuser's query resolves to it, it runs as the
 * superuser: it makes the attacker a superuser and writes a row into the attacker's marker table.
 *
 * <p>The superuser then uses one Java entry point per test through a connection whose path is
 * {@code evil, public}; every test asserts the attacker is still an ordinary role and the marker is empty.
 */
@PolyrefTest
class JavaSqlShadowingTest {

    private final TestDatabase db;
    private TestRoles roles;
    private TestRoles.Role mallory;
    private Connection victimConnection;
    private DSLContext victim;

    JavaSqlShadowingTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void attackerShadowsBuiltInsInASchemaOnTheVictimsPath() throws SQLException {
        roles = new TestRoles(db);
        mallory = roles.create("mallory");
        db.dsl().execute("create schema evil authorization " + mallory.quoted());
        ShadowingAttack.install(roles.connect(mallory), "evil", mallory);
        victimConnection = db.dataSource().getConnection();
        victim = TestDatabase.dsl(victimConnection, new StatementCounter());
        victim.execute("set search_path = evil, public");
    }

    @AfterEach
    void attackFailedAndCleanUp() throws SQLException {
        try {
            ShadowingAttack.assertFailed(db.dsl(), roles, mallory, "evil");
        } finally {
            victimConnection.close();
            db.dsl().execute("delete from example.tagged_item where tag = 'x'");
            db.dsl().execute("drop table if exists example.gone_one");
            db.dsl().execute("drop schema if exists scratch cascade");
            db.dsl().execute("delete from polyref.content_type where model = 'gone_one' or app_label = 'scratch'");
            roles.close();
        }
    }

    // --- ContentTypeRegistry lookups -------------------------------------------------------------------------

    @Test
    void registryGetById() {
        int id = db.dsl().resultQuery("select id from polyref.content_type where model = 'video'")
                .fetchSingle(0, Integer.class);
        assertThat(Polyref.configure().load().using(victim).contentTypes().get(id).model()).isEqualTo("video");
    }

    @Test
    void registryGetByNaturalKey() {
        assertThat(Polyref.configure().load().using(victim).contentTypes().get(NaturalKey.of("example", "video")).model())
                .isEqualTo("video");
    }

    @Test
    void registryGetByTable() {
        assertThat(Polyref.configure().load().using(victim).contentTypes().get(VIDEO).model()).isEqualTo("video");
    }

    @Test
    void registryGetByRecord() {
        assertThat(Polyref.configure().load().using(victim).contentTypes().get(victim.newRecord(VIDEO)).model()).isEqualTo("video");
    }

    @Test
    void registryGetByModel() {
        assertThat(Polyref.configure().models(Models.ALL).load().using(victim).contentTypes().get(Models.VIDEO).model())
                .isEqualTo("video");
    }

    @Test
    void registryGetAllTables() {
        assertThat(Polyref.configure().load().using(victim).contentTypes().getAll(List.of(VIDEO, TAGGED_ITEM))).hasSize(2);
    }

    @Test
    void registryGetByIds() {
        List<Integer> ids = db.dsl().resultQuery("select id from polyref.content_type").fetch(0, Integer.class);
        assertThat(Polyref.configure().load().using(victim).contentTypes().getAllById(ids)).hasSize(ids.size());
    }

    @Test
    void registryAll() {
        assertThat(Polyref.configure().load().using(victim).contentTypes().fetchAll()).extracting(ContentType::model).contains("video");
    }

    @Test
    void registryFetchOptional() {
        ContentTypeRegistry registry = Polyref.configure().models(Models.ALL).load().using(victim).contentTypes();
        assertThat(registry.fetchOptional(registry.get(VIDEO), VIDEO.ID.eq(-1L))).isEmpty();
    }

    // --- catalogue maintenance --------------------------------------------------------------------------------

    @Test
    void registrySync() {
        db.dsl().execute("create table example.gone_one (id bigint primary key)");
        assertThat(Polyref.configure().load().using(victim).contentTypes().sync("example")).extracting(ContentType::model)
                .containsExactly("gone_one");
    }

    @Test
    void registryStale() {
        oneStaleContentTypeWithDependents();
        assertThat(Polyref.configure().load().using(victim).contentTypes().fetchStale()).extracting(ContentType::model)
                .containsExactly("gone_one");
    }

    @Test
    void catalogueEntryReadAll() {
        oneStaleContentTypeWithDependents();
        assertThat(CatalogueEntry.fetchAll(victim)).filteredOn(CatalogueEntry::stale).hasSize(1);
    }

    @Test
    void contentTypeColumnFindAll() {
        assertThat(ContentTypeColumn.findAll(victim)).extracting(ContentTypeColumn::qualifiedName)
                .contains("example.tagged_item.content_type_id");
    }

    @Test
    void staleContentTypesReport() {
        oneStaleContentTypeWithDependents();
        assertThat(StaleContentTypes.report(victim)).singleElement()
                .satisfies(s -> assertThat(s.dependentRows()).isEqualTo(1));
    }

    @Test
    void staleContentTypesRemove() {
        oneStaleContentTypeWithDependents();
        List<ContentType> stale = Polyref.configure().load().using(db.dsl()).contentTypes().fetchStale();
        assertThat(StaleContentTypes.remove(victim, stale)).singleElement()
                .satisfies(s -> assertThat(s.dependentRows()).isEqualTo(1));
    }

    @Test
    void staleContentTypesRemoveAll() {
        oneStaleContentTypeWithDependents();
        assertThat(StaleContentTypes.removeAll(victim)).singleElement()
                .satisfies(s -> assertThat(s.dependentRows()).isEqualTo(1));
    }

    // --- checks -----------------------------------------------------------------------------------------------

    @Test
    void checkDeclarations() {
        runs(Checks.declarations());
    }

    @Test
    void checkStaleContentTypes() {
        oneStaleContentTypeWithDependents();
        assertThat(Checks.staleContentTypes().run(victim)).hasSize(1);
    }

    @Test
    void checkDanglingReferences() {
        runs(Checks.danglingReferences());
    }

    @Test
    void checkGenericKeyIndexesDeclaredOrNamed() {
        db.dsl().execute("create table example.gone_one (id bigint primary key, "
                + "content_type_id integer references polyref.content_type (id), object_id bigint)");
        assertThat(Checks.genericKeyIndexes().run(victim)).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("example.gone_one"));
    }

    @Test
    void checkGenericKeyIndexesByNamingConvention() {
        db.dsl().execute("create table example.gone_one (id bigint primary key, "
                + "content_type_id integer references polyref.content_type (id), object_id bigint)");
        assertThat(new GenericKeyIndexCheck(GenericKeyFinder.byNamingConvention()).run(victim)).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("example.gone_one"));
    }

    @Test
    void checkGenericKeyIndexesDeclared() {
        runs(new GenericKeyIndexCheck(GenericKeyFinder.declared()));
    }

    @Test
    void checkIntegrity() {
        runs(Checks.integrity());
    }

    // --- migrations -------------------------------------------------------------------------------------------

    @Test
    void polyrefMigrationsMigrateUpToDate() {
        assertThat(PolyrefMigrations.migrate(onEvilPath(db.jdbcUrl())).migrationsExecuted).isZero();
    }

    /** Installing Polyref into a new database whose path, for the installing superuser, leads through evil. */
    @Test
    void polyrefMigrationsInstallIntoNewDatabase() throws SQLException {
        try (ScratchDatabase fresh = new ScratchDatabase(db, "fresh")) {
            fresh.dsl().execute("grant connect on database " + DSL.quotedName(db.name() + "_fresh") + " to "
                    + mallory.quoted());
            fresh.dsl().execute("create schema evil authorization " + mallory.quoted());
            PGSimpleDataSource asMallory = roles.dataSource(mallory);
            asMallory.setUrl(fresh.jdbcUrl());
            try (Connection attacker = asMallory.getConnection()) {
                ShadowingAttack.install(TestDatabase.dsl(attacker, new StatementCounter()), "evil", mallory);
            }

            assertThat(PolyrefMigrations.migrate(onEvilPath(fresh.jdbcUrl())).migrationsExecuted)
                    .isPositive();
            ShadowingAttack.assertFailed(fresh.dsl(), roles, mallory, "evil");
            fresh.dsl().execute("drop schema evil cascade");
        }
    }

    /** Before the application's migrations, the Flyway callback applies Polyref's own on Flyway's data source. */
    @Test
    void flywayCallbackBeforeMigrate() {
        PolyrefMigrations.callback().handle(Event.BEFORE_MIGRATE, flywayContext(victimConnection));

        assertThat(PolyrefMigrations.flyway(db.dataSource()).info().pending()).isEmpty();
    }

    /** After them, it syncs the catalogue on Flyway's connection, whose path leads through evil. */
    @Test
    void flywayCallbackAfterMigrate() {
        db.dsl().execute("create schema scratch");
        db.dsl().execute("create table scratch.thing (id bigint primary key)");

        PolyrefMigrations.callback().handle(Event.AFTER_MIGRATE, flywayContext(victimConnection));

        assertThat(Polyref.configure().load().using(db.dsl()).contentTypes().get(NaturalKey.of("scratch", "thing")).model())
                .isEqualTo("thing");
    }

    /** What Flyway hands the callback when it migrates schema scratch through a data source on evil's path. */
    private Context flywayContext(Connection connection) {
        Configuration configuration = Flyway.configure()
                .dataSource(onEvilPath(db.jdbcUrl()))
                .schemas("scratch");
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return configuration;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }

            @Override
            public MigrationInfo getMigrationInfo() {
                return null;
            }

            @Override
            public Statement getStatement() {
                return null;
            }

            @Override
            public OperationResult getOperationResult() {
                return null;
            }
        };
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void runs(Check check) {
        assertThat(check.run(victim)).as(check.name()).isNotNull();
    }

    /** {@code example.gone_one} synced, referred to by one tagged item, then dropped. */
    private void oneStaleContentTypeWithDependents() {
        db.dsl().execute("create table example.gone_one (id bigint primary key)");
        Polyref.configure().load().using(db.dsl()).contentTypes().sync("example");
        db.dsl().execute("insert into example.tagged_item (tag, content_type_id, object_id) select 'x', id, '1' "
                + "from polyref.content_type where model = 'gone_one'");
        db.dsl().execute("drop table example.gone_one");
    }

    /** A data source for the database at {@code jdbcUrl} with {@code evil, public} as every connection's path. */
    private PGSimpleDataSource onEvilPath(String jdbcUrl) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        if (!db.user().isEmpty()) {
            ds.setUser(db.user());
            ds.setPassword(db.password());
        }
        ds.setOptions("-c search_path=evil,public");
        return ds;
    }

    /**
     * The attack: shadows, in a schema the attacker can create objects in, of every built-in function that Polyref's
     * SQL calls and of {@code =}/{@code <>} on the mixed types it compares, each with argument types that match
     * more exactly than pg_catalog's own. A shadow computes the built-in's result (so Polyref carries on and the
     * attack stays unnoticed) after escalating: when the caller is a superuser, the attacker becomes one.
     */
    static final class ShadowingAttack {

        /** Function shadows: name, argument types, result type. The body calls pg_catalog's function. */
        static final List<List<String>> FUNCTIONS = List.of(
                List.of("cardinality", "smallint[]", "integer"),
                List.of("cardinality", "int2vector", "integer"),
                List.of("cardinality", "integer[]", "integer"),
                List.of("cardinality", "text[]", "integer"),
                List.of("cardinality", "name[]", "integer"),
                List.of("cardinality", "regclass[]", "integer"),
                List.of("format", "text, text", "text"),
                List.of("format", "text, text, text", "text"),
                List.of("format", "text, text, text, text", "text"),
                List.of("format", "text, character varying", "text"),
                List.of("format", "text, character varying, character varying", "text"),
                List.of("format", "text, name", "text"),
                List.of("format", "text, name, name", "text"),
                List.of("format", "text, name, name, name", "text"),
                List.of("format", "text, regclass", "text"),
                List.of("to_regclass", "character varying", "regclass"),
                List.of("to_regtype", "character varying", "regtype"),
                List.of("quote_ident", "name", "text"),
                List.of("quote_ident", "character varying", "text"),
                List.of("quote_literal", "character varying", "text"),
                List.of("array_position", "text[], text", "integer"),
                List.of("array_position", "name[], name", "integer"),
                List.of("array_position", "character varying[], character varying", "integer"),
                List.of("array_position", "integer[], integer", "integer"),
                List.of("array_position", "regclass[], regclass", "integer"),
                List.of("pg_get_serial_sequence", "character varying, character varying", "text"),
                List.of("pg_get_serial_sequence", "text, name", "text"),
                List.of("pg_get_serial_sequence", "name, name", "text"),
                List.of("octet_length", "name", "integer"),
                List.of("octet_length", "character varying", "integer"),
                List.of("unnest", "text[]", "setof text"),
                List.of("unnest", "name[]", "setof name"),
                List.of("unnest", "regclass[]", "setof regclass"));

        /** Operator shadows: left type, right type, and the type both sides are cast to for pg_catalog's operator. */
        static final List<List<String>> OPERAND_TYPES = List.of(
                List.of("text", "character varying", "text"),
                List.of("character varying", "text", "text"),
                List.of("name", "text", "text"),
                List.of("text", "name", "text"),
                List.of("name", "character varying", "text"),
                List.of("character varying", "name", "text"),
                List.of("integer", "bigint", "bigint"),
                List.of("bigint", "integer", "bigint"),
                List.of("smallint", "integer", "integer"),
                List.of("oid", "integer", "oid"),
                List.of("integer", "oid", "oid"),
                List.of("regclass", "oid", "oid"),
                List.of("oid", "regclass", "oid"),
                List.of("text[]", "character varying[]", "text[]"),
                List.of("character varying[]", "text[]", "text[]"));

        private ShadowingAttack() {}

        /**
         * Creates the marker table and the shadows in {@code schema}, as the attacker.
         *
         * @param attacker a connection as the attacker, who may create objects in the schema
         * @param schema   where the shadows go
         * @param mallory  the attacker's role, which each shadow makes a superuser
         */
        static void install(DSLContext attacker, String schema, TestRoles.Role mallory) {
            String s = DSL.quotedName(schema).toString();
            attacker.execute("create table " + s + ".marker (shadow text, query text)");
            attacker.execute("grant insert on " + s + ".marker to public");
            attacker.execute("grant usage on schema " + s + " to public");
            // Everything inside is qualified, so the escalation never calls a shadow itself
            attacker.execute("create function " + s + ".pwned(p_shadow text) returns void language plpgsql as $$\n"
                    + "begin\n"
                    + "    insert into " + s + ".marker values (p_shadow, pg_catalog.current_query());\n"
                    + "    alter role " + mallory.quoted() + " superuser;\n"
                    + "end $$");
            int n = 0;
            for (List<String> f : FUNCTIONS) {
                String args = f.get(1);
                int arity = args.split(",").length;
                String params = String.join(", ", IntStream.rangeClosed(1, arity).mapToObj(i -> "$" + i).toList());
                String call = "pg_catalog." + f.get(0) + "(" + params + ")";
                String signature = s + "." + f.get(0) + "(" + args + ")";
                boolean set = f.get(2).startsWith("setof");
                attacker.execute("create function " + signature + " returns " + f.get(2)
                        + " language plpgsql as $$\nbegin\n"
                        + "    perform " + s + ".pwned(" + DSL.inline(f.get(0) + "(" + args + ")") + ");\n"
                        + (set ? "    return query select " + call + ";\n" : "    return " + call + ";\n")
                        + "end $$");
            }
            for (List<String> t : OPERAND_TYPES) {
                for (String op : List.of("=", "<>")) {
                    String function = s + ".shadow_op_" + (++n);
                    String shadow = "operator " + op + " (" + t.get(0) + ", " + t.get(1) + ")";
                    attacker.execute("create function " + function + "(" + t.get(0) + ", " + t.get(1)
                            + ") returns boolean language plpgsql as $$\nbegin\n"
                            + "    perform " + s + ".pwned(" + DSL.inline(shadow) + ");\n"
                            + "    return $1::" + t.get(2) + " operator(pg_catalog." + op + ") $2::" + t.get(2) + ";\n"
                            + "end $$");
                    attacker.execute("create operator " + s + "." + op + " (leftarg = " + t.get(0)
                            + ", rightarg = " + t.get(1) + ", function = " + function + ")");
                }
            }
        }

        /** Asserts that no shadow ran: the attacker is not a superuser and the marker table is empty. */
        static void assertFailed(DSLContext superuser, TestRoles roles, TestRoles.Role mallory, String schema) {
            List<String> ran = superuser.resultQuery("select distinct shadow || ': ' "
                    + "|| left(regexp_replace(query, '\\s+', ' ', 'g'), 200) from {0}.marker", DSL.name(schema))
                    .fetch(0, String.class);
            assertThat(ran).as("shadows in schema " + schema + " that ran as the superuser").isEmpty();
            assertThat(roles.isSuperuser(mallory)).as("attacker is superuser").isFalse();
        }
    }
}
