package dev.polyref.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.fixtures.FixtureException;
import dev.polyref.fixtures.Fixtures;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fixtures never damage data silently: a failed load leaves sequences as they were, a load never moves a sequence
 * back, what a dump writes loads back identically, duplicates and system tables are refused, and the privileges a
 * dump or a load needs are the obvious ones.
 */
@PolyrefTest
class FixtureSafetyTest {

    private static final Table<?> PARENT = DSL.table(DSL.name("safety", "parent"));
    private static final Table<?> CHILD = DSL.table(DSL.name("safety", "child"));

    private final TestDatabase db;
    private final DSLContext dsl;

    FixtureSafetyTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeEach
    void tables() {
        dsl.execute("""
                create schema safety;
                create table safety.parent (id serial primary key, name text);
                create table safety.child (id serial primary key,
                    parent_id int references safety.parent deferrable initially deferred);
                insert into safety.parent (name) values ('a'), ('b'), ('c');
                insert into safety.child (parent_id) values (1), (2);
                """);
    }

    @AfterEach
    void dropTables() {
        dsl.execute("drop schema safety cascade");
    }

    @Test
    void aLoadFailingAtTheDeferredConstraintCheckLeavesSequencesAndRowsUnchanged() {
        List<Record> before = state();
        String fixture = fixture("safety.parent", "{\"id\": 10, \"name\": \"x\"}, {\"id\": 11, \"name\": \"y\"}",
                "safety.child", "{\"id\": 50, \"parent_id\": 999}");

        assertThatThrownBy(() -> load(fixture)).isExactlyInstanceOf(FixtureException.class)
                .hasMessageContaining("deferred constraint");

        assertThat(state()).isEqualTo(before);
        assertThat(dsl.fetchValue("select nextval('safety.parent_id_seq')")).isEqualTo(4L);
    }

    @Test
    void aLoadFailingMidStreamLeavesSequencesAndRowsUnchanged() {
        List<Record> before = state();
        String fixture = fixture("safety.parent", "{\"id\": 10, \"name\": \"x\"}",
                "safety.child", "{\"id\": 50, \"parent_id\": \"not a number\"}");

        assertThatThrownBy(() -> load(fixture)).isExactlyInstanceOf(FixtureException.class)
                .hasMessageContaining("rejected");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aSuccessfulLoadNeverMovesASequenceBack() {
        dsl.execute("select setval('safety.parent_id_seq', 100)");
        load(fixture("safety.parent", "{\"id\": 5, \"name\": \"x\"}", "safety.child", "{\"id\": 70, \"parent_id\": 5}"));

        assertThat(sequence("safety.parent_id_seq")).isEqualTo("100 true");
        assertThat(sequence("safety.child_id_seq")).as("moved forward past the loaded id").isEqualTo("70 true");
    }

    @Test
    void extremeValuesDumpAndLoadBackIdentically() {
        dsl.execute("""
                create table safety.big (id int primary key, t text, n numeric, j jsonb, js json, k jsonb);
                insert into safety.big values (1,
                    repeat('x', 21000000) || 'é',
                    ('-' || repeat('9', 1500) || '.' || repeat('1', 600))::numeric,
                    (repeat('[', 1500) || repeat('9', 1200) || '.5' || repeat(']', 1500))::jsonb,
                    (repeat('{"a": ', 1500) || '1' || repeat('}', 1500))::json,
                    jsonb_build_object(repeat('k', 60000), 1));
                """);
        String query = "select md5(t), length(t), n::text, j::text, js::text, k::text from safety.big";
        List<Record> before = dsl.fetch(query);
        String fixture = dump(DSL.table(DSL.name("safety", "big")));
        dsl.execute("truncate safety.big");

        load(fixture);

        assertThat(dsl.fetch(query)).isEqualTo(before);
    }

    @Test
    void aSelfReferencingTableOfTwelveRowsDumpsInKeyOrderAndLoads() {
        dsl.execute("create table safety.node (id int primary key, parent_id int references safety.node)");
        dsl.execute("insert into safety.node select i, nullif(i - 1, 0) from generate_series(1, 12) i");
        String fixture = dump(DSL.table(DSL.name("safety", "node")));
        assertThat(fixture.indexOf("\"id\": 2,")).isLessThan(fixture.indexOf("\"id\": 10,"));
        dsl.execute("truncate safety.node");

        load(fixture);

        assertThat(dsl.fetchValue("select count(*) from safety.node")).isEqualTo(12L);
    }

    @Test
    void aLoadIntoSystemSchemasIsRefused() {
        for (String table : List.of("pg_catalog.pg_description", "information_schema.sql_features",
                "pg_toast.pg_toast_2619")) {
            assertThatThrownBy(() -> load(fixture(table, "{}", "safety.parent", "{\"id\": 9}")))
                    .as(table).isExactlyInstanceOf(FixtureException.class)
                    .hasMessageContaining("cannot load " + table + ": the tables of PostgreSQL's system schemas");
        }
        assertThat(dsl.fetchValue("select count(*) from safety.parent")).isEqualTo(3L);
    }

    @Test
    void aPrimaryKeyTwiceInOneFixtureIsRefusedNamingBothPositions() {
        String fixture = "{\"format\": \"polyref-fixture/1\", \"tables\": [{\"table\": \"safety.parent\", \"rows\": [\n"
                + "{\"id\": 20, \"name\": \"first\"},\n"
                + "{\"id\": 21, \"name\": \"other\"},\n"
                + "  {\"id\": 20, \"name\": \"second\"}\n"
                + "]}]}";

        assertThatThrownBy(() -> load(fixture)).isExactlyInstanceOf(FixtureException.class)
                .hasMessage("line 4, column 3: duplicate primary key (id)=(20) in safety.parent: the row at line 2, "
                        + "column 1 has the same key");
        assertThat(dsl.fetchValue("select count(*) from safety.parent")).isEqualTo(3L);
    }

    @Test
    void aUuidKeySpelledTwoWaysIsOneKey() {
        dsl.execute("create table safety.doc (id uuid primary key, title text)");
        String fixture = fixture("safety.doc",
                "{\"id\": \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\", \"title\": \"x\"}, "
                        + "{\"id\": \"A0EEBC999C0B4EF8BB6D6BB9BD380A11\", \"title\": \"y\"}", null, null);

        assertThatThrownBy(() -> load(fixture)).isExactlyInstanceOf(FixtureException.class)
                .hasMessageContaining("duplicate primary key");
    }

    @Test
    void aRowWhoseKeyExistsInTheTableIsStillReplaced() {
        load(fixture("safety.parent", "{\"id\": 2, \"name\": \"replaced\"}", null, null));

        assertThat(dsl.fetchValue("select name from safety.parent where id = 2")).isEqualTo("replaced");
    }

    @Test
    void loadingNeedsInsertButNotUpdatePrivilege() throws Exception {
        dsl.execute("create table safety.plain (id int primary key, name text)");
        try (TestRoles roles = new TestRoles(db)) {
            TestRoles.Role loader = roles.create("loader");
            dsl.execute("grant usage on schema safety, polyref to " + loader.quoted());
            dsl.execute("grant select on polyref.content_type to " + loader.quoted());
            dsl.execute("grant insert on safety.plain to " + loader.quoted());

            Fixtures.load(roles.connect(loader), new StringReader(fixture("safety.plain",
                    "{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}", null, null)));

            assertThat(dsl.fetch("select name from safety.plain order by id").getValues(0, String.class))
                    .containsExactly("a", "b");
        }
    }

    @Test
    void aDumpOfATableTheRoleCannotReadFailsBeforeWritingAnything() throws Exception {
        try (TestRoles roles = new TestRoles(db)) {
            TestRoles.Role reader = roles.create("reader");
            dsl.execute("grant usage on schema safety, polyref to " + reader.quoted());
            dsl.execute("grant select on polyref.content_type, safety.parent to " + reader.quoted());
            StringWriter out = new StringWriter();

            assertThatThrownBy(() -> Fixtures.dump(roles.connect(reader), List.of(PARENT, CHILD), out))
                    .isExactlyInstanceOf(FixtureException.class)
                    .hasMessageStartingWith("Cannot dump safety.child: permission denied for table child");
            assertThat(out.toString()).isEmpty();
        }
    }

    /** Rows of both tables and both sequences' {@code last_value} and {@code is_called}. */
    private List<Record> state() {
        return dsl.fetch("""
                select 'parent', id::text, name from safety.parent
                union all select 'child', id::text, parent_id::text from safety.child
                union all select 'parent_id_seq', last_value::text, is_called::text from safety.parent_id_seq
                union all select 'child_id_seq', last_value::text, is_called::text from safety.child_id_seq
                order by 1, 2""");
    }

    private String sequence(String name) {
        return dsl.fetchValue("select last_value || ' ' || is_called from " + name).toString();
    }

    private String fixture(String table, String rows, String otherTable, String otherRows) {
        String tables = "{\"table\": \"" + table + "\", \"rows\": [" + rows + "]}"
                + (otherTable == null ? "" : ", {\"table\": \"" + otherTable + "\", \"rows\": [" + otherRows + "]}");
        return "{\"format\": \"polyref-fixture/1\", \"tables\": [" + tables + "]}";
    }

    private void load(String fixture) {
        Fixtures.load(dsl, new StringReader(fixture));
    }

    private String dump(Table<?> table) {
        StringWriter out = new StringWriter();
        Fixtures.dump(dsl, List.of(table), out);
        return out.toString();
    }
}
