package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.DanglingReferenceException;
import dev.polyref.MalformedDeclarationException;
import dev.polyref.TypeNotAllowedException;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Object-id types: a text key points at integer, uuid and text keys by their text form (pk::text); a bigint key
 * only at integer keys; a uuid key only at uuid keys.
 */
@PolyrefTest
class CoercionTest {

    private static final UUID DOC = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");

    private final DSLContext dsl;
    private final GenericKeyIntegrity integrity;

    CoercionTest(TestDatabase db) {
        this.dsl = IntegritySchema.translating(db);
        this.integrity = GenericKeyIntegrity.using(dsl);
    }

    @BeforeAll
    static void schema(TestDatabase db) {
        DSLContext dsl = db.dsl();
        dsl.execute("create schema co");
        dsl.execute("create table co.big (id bigint primary key)");
        dsl.execute("create table co.small (id integer primary key)");
        dsl.execute("create table co.doc (id uuid primary key)");
        dsl.execute("create table co.page (slug varchar(40) primary key)");
        dsl.execute("create table co.tag (id bigint generated always as identity primary key, "
                + "ct integer references polyref.content_type (id), oid text)");
        dsl.execute("create table co.activity (id bigint generated always as identity primary key, "
                + "ct integer references polyref.content_type (id), oid bigint)");
        dsl.execute("create table co.remark (id bigint generated always as identity primary key, "
                + "ct integer references polyref.content_type (id), oid uuid)");
        dsl.execute("insert into co.big values (42)");
        dsl.execute("insert into co.small values (7)");
        dsl.execute("insert into co.doc values ('" + DOC + "')");
        dsl.execute("insert into co.page values ('home')");
        dsl.execute("select polyref.sync_content_types(array['co'])");
    }

    @Test
    void aTextKeyPointsAtIntegerUuidAndTextKeysByTheirTextForm() {
        EnforcementReport report = enforce("tag", "big", "small", "doc", "page");
        assertThat(report.backfilled()).isEqualTo(4);

        insert("tag", ct("big"), "'42'");
        insert("tag", ct("small"), "'7'");
        insert("tag", ct("doc"), "'" + DOC + "'");
        insert("tag", ct("page"), "'home'");
        // Only the canonical text form matches: no leading zeros, lower-case uuids
        assertThatThrownBy(() -> insert("tag", ct("big"), "'042'")).isInstanceOf(DanglingReferenceException.class)
                .hasMessageContaining("co.tag(ct, oid) = (" + ct("big") + ", 042)");
        assertThatThrownBy(() -> insert("tag", ct("doc"), "'" + DOC.toString().toUpperCase() + "'"))
                .isInstanceOf(DanglingReferenceException.class);

        // Deleting through any of the four types cascades
        dsl.execute("delete from co.doc");
        dsl.execute("delete from co.page where slug = 'home'");
        assertThat(dsl.fetchValue("select string_agg(oid, ',' order by oid) from co.tag")).isEqualTo("42,7");
        dsl.execute("insert into co.doc values ('" + DOC + "')");
        dsl.execute("insert into co.page values ('home')");
    }

    @Test
    void aBigintKeyPointsOnlyAtIntegerKeys() {
        enforce("activity", "big", "small");
        insert("activity", ct("small"), "7");
        assertThatThrownBy(() -> insert("activity", ct("small"), "8")).isInstanceOf(DanglingReferenceException.class);
        assertThatThrownBy(() -> insert("activity", ct("page"), "1"))
                .isInstanceOf(TypeNotAllowedException.class)
                .hasMessageContaining("Content type " + ct("page") + " (co.page) is not allowed for generic key "
                        + "co.activity(ct, oid) = (" + ct("page") + ", 1)")
                .hasMessageContaining("allowed: co.big (" + ct("big") + ")");
        assertThatThrownBy(() -> enforce("activity", "doc"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("has a uuid primary key (id), which the bigint object-id column");
        assertThatThrownBy(() -> enforce("activity", "page"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("has a character varying(40) primary key (slug), which the bigint object-id");
    }

    @Test
    void aUuidKeyPointsOnlyAtUuidKeysAndAnyTargetMeansEveryFittingTable() {
        EnforcementReport report = enforce("remark");
        assertThat(report.targets()).contains("co.doc").doesNotContain("co.big", "co.page", "co.small");
        insert("remark", ct("doc"), "'" + DOC + "'");
        assertThatThrownBy(() -> insert("remark", ct("doc"), "'" + UUID.randomUUID() + "'"))
                .isInstanceOf(DanglingReferenceException.class);
        assertThatThrownBy(() -> insert("remark", ct("big"), "'" + DOC + "'"))
                .isInstanceOf(TypeNotAllowedException.class);
    }

    /** Declares the key (ct, oid) of a table with these allowed targets (none: any) and enforces it. */
    private EnforcementReport enforce(String table, String... targets) {
        dsl.execute("select polyref.declare_generic_key({0}::regclass, 'target', 'ct', 'oid', {1}::regclass[])",
                DSL.val("co." + table), DSL.val(java.util.Arrays.stream(targets).map(t -> "co." + t)
                        .toArray(String[]::new)));
        return integrity.enforce(table(table), "target");
    }

    private void insert(String table, int ct, String oid) {
        dsl.execute("insert into co." + table + " (ct, oid) values (" + ct + ", " + oid + ")");
    }

    private int ct(String model) {
        return dsl.resultQuery("select id from polyref.content_type where app_label = 'co' and model = {0}",
                DSL.val(model)).fetchSingle().get(0, Integer.class);
    }

    private static org.jooq.Table<?> table(String name) {
        return DSL.table(DSL.name("co", name));
    }
}
