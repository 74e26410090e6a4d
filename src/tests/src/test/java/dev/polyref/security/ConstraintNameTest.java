package dev.polyref.security;

import static dev.polyref.security.RegistryTriggerAttackTest.assertRefused;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Constraint names of enforced keys are unique per key and stable: 0.1 named both keys (a_b, c) and (a, b_c) of
 * one table polyref_fk_a_b_c, so enforcing the second dropped the first's constraints (issue 8, item 3).
 */
@PolyrefTest
class ConstraintNameTest {

    private final DSLContext dsl;
    private final TestRoles roles;
    private final DSLContext writer;

    ConstraintNameTest(TestDatabase db) {
        this.dsl = db.dsl();
        this.roles = new TestRoles(db);
        TestRoles.Role role = roles.create("writer");
        dsl.execute("create schema if not exists names");
        dsl.execute("grant usage on schema names to " + role.quoted());
        dsl.execute("alter default privileges in schema names grant insert on tables to " + role.quoted());
        this.writer = roles.connect(role);
    }

    @AfterEach
    void dropRoles() throws Exception {
        roles.close();
    }

    @Test
    void keysWhoseColumnsJoinToTheSameTextGetDistinctConstraintsAndBothRefuseDanglingRows() {
        int ct = twoKeyTable("pair");

        assertThat(polyrefConstraints("pair")).hasSize(4).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name.getBytes(UTF_8)).hasSizeLessThanOrEqualTo(63));
        assertRefused(() -> writer.execute("insert into names.pair (a_b, c) values ({0}, 999)", ct), "23503");
        assertRefused(() -> writer.execute("insert into names.pair (a, b_c) values ({0}, 999)", ct), "23503");
        assertThat(dsl.fetchCount(dsl.selectFrom("polyref.integrity_check()"))).isZero();
    }

    @Test
    void unenforcingOneKeyLeavesTheOtherKeysConstraints() {
        int ct = twoKeyTable("one_of_two");
        List<String> before = polyrefConstraints("one_of_two");

        dsl.execute("select polyref.unenforce_generic_key('names.one_of_two', 'key_a_b')");

        List<String> after = polyrefConstraints("one_of_two");
        assertThat(after).hasSize(2).allSatisfy(name -> assertThat(before).contains(name));
        writer.execute("insert into names.one_of_two (a_b, c) values ({0}, 999)", ct);
        assertRefused(() -> writer.execute("insert into names.one_of_two (a, b_c) values ({0}, 999)", ct), "23503");
    }

    @Test
    void enforcingAgainKeepsTheSameNamesAndLongOrUnicodeColumnsStayWithin63Bytes() {
        String ctColumn = "ç".repeat(31);   // 62 bytes
        String idColumn = "object_" + "x".repeat(56);
        dsl.execute("create table names.long (id bigint primary key, \"" + ctColumn + "\" integer references polyref.content_type (id), \"" + idColumn
                + "\" bigint)");
        dsl.execute("select polyref.sync_content_types(array['names'])");
        dsl.execute("select polyref.declare_generic_key('names.long', 'k', {0}, {1}, "
                + "array['names.long']::regclass[], 'cascade', true)", ctColumn, idColumn);
        List<String> first = polyrefConstraints("long");
        dsl.execute("select polyref.enforce_generic_key('names.long', 'k')");

        assertThat(polyrefConstraints("long")).isEqualTo(first).hasSize(2)
                .allSatisfy(name -> assertThat(name.getBytes(UTF_8)).hasSizeLessThanOrEqualTo(63))
                .allSatisfy(name -> assertThat(name).matches("polyref_(fk|ck)_[a-z0-9_]*_[0-9a-f]{8}"));
    }

    /** A table names.{table} with keys (a_b, c) and (a, b_c) over itself, both enforced; returns its content type. */
    private int twoKeyTable(String table) {
        dsl.execute("create table names." + table + " (id bigint generated always as identity primary key, "
                + "a_b integer references polyref.content_type (id), c bigint, "
                + "a integer references polyref.content_type (id), b_c bigint)");
        dsl.execute("select polyref.sync_content_types(array['names'])");
        for (String[] key : new String[][] {{"a_b", "c"}, {"a", "b_c"}}) {
            dsl.execute("select polyref.declare_generic_key({0}::regclass, {1}, {2}, {3}, array[{0}]::regclass[], "
                    + "'cascade', true)", "names." + table, "key_" + key[0], key[0], key[1]);
        }
        return dsl.resultQuery("select id from polyref.content_type where app_label = 'names' and model = {0}", table)
                .fetchSingle().get(0, Integer.class);
    }

    private List<String> polyrefConstraints(String table) {
        return dsl.fetch("select conname::text from pg_constraint where conrelid = {0}::regclass "
                + "and conname like 'polyref%' order by 1", "names." + table).getValues(0, String.class);
    }
}
