package dev.polyref.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Checks after tables are dropped: references to a stale or unknown content type are dangling references (0.1's
 * {@code dangling_references()} failed with "record v_pk is not assigned yet" and the check run stopped), and a key
 * that still lists a dropped target is an integrity problem (0.1 said nothing). Issue 8, items 5 and 12.
 */
@PolyrefTest
class DroppedTablesCheckTest {

    private final DSLContext dsl;

    DroppedTablesCheckTest(TestDatabase db) {
        this.dsl = db.dsl();
    }

    @Test
    void rowsOfAStaleOrUnknownContentTypeAreDanglingReferences() {
        dsl.execute("create schema stale_refs");
        dsl.execute("create table stale_refs.gone (id bigint primary key)");
        dsl.execute("create table stale_refs.note (id bigint primary key, "
                + "ct integer references polyref.content_type (id), oid bigint)");
        dsl.execute("select polyref.sync_content_types(array['stale_refs'])");
        dsl.execute("select polyref.declare_generic_key('stale_refs.note', 'about', 'ct', 'oid')");
        int gone = dsl.fetchSingle("select id from polyref.content_type where app_label = 'stale_refs' "
                + "and model = 'gone'").get(0, Integer.class);
        dsl.execute("insert into stale_refs.note values (1, {0}, 1), (2, {0}, 2)", gone);
        dsl.execute("drop table stale_refs.gone");
        // A content type id with no catalogue row at all: possible once the column's foreign key is gone
        dsl.execute("alter table stale_refs.note drop constraint note_ct_fkey");
        dsl.execute("insert into stale_refs.note values (3, 999999, 3)");

        assertThat(Checks.danglingReferences().run(dsl)).extracting(Problem::message).containsExactlyInAnyOrder(
                "2 rows of generic key about point at content type " + gone + " (stale_refs.gone), whose table no "
                        + "longer exists; delete or fix them, or let PostgreSQL enforce the key "
                        + "(polyref.enforce_generic_key)",
                "1 row of generic key about points at content type 999999, which has no catalogue row; delete or "
                        + "fix them, or let PostgreSQL enforce the key (polyref.enforce_generic_key)");
        for (Check check : Checks.defaults()) {
            check.run(dsl);   // every check still runs
        }
        dsl.execute("drop table stale_refs.note");
        dsl.execute("select polyref.integrity_repair()");
        dsl.execute("delete from polyref.content_type where app_label = 'stale_refs'");
    }

    @Test
    void aKeyThatStillListsADroppedTargetIsReported() {
        dsl.execute("create schema lost_target");
        dsl.execute("create table lost_target.kept (id bigint primary key)");
        dsl.execute("create table lost_target.dropped (id bigint primary key)");
        dsl.execute("create table lost_target.note (id bigint primary key, "
                + "ct integer references polyref.content_type (id), oid bigint)");
        dsl.execute("select polyref.sync_content_types(array['lost_target'])");
        dsl.execute("select polyref.declare_generic_key('lost_target.note', 'about', 'ct', 'oid', "
                + "array['lost_target.kept', 'lost_target.dropped']::regclass[], 'cascade', true)");
        int dropped = dsl.fetchSingle("select id from polyref.content_type where app_label = 'lost_target' "
                + "and model = 'dropped'").get(0, Integer.class);

        dsl.execute("drop table lost_target.dropped");

        // One key, one list of targets: reported once (0.1 had the declared and the enforced list apart)
        assertThat(Checks.integrity().run(dsl)).extracting(Problem::subject, Problem::message)
                .containsExactly(tuple("missing_target", "generic key about on lost_target.note lists allowed "
                        + "target lost_target.dropped (content type " + dropped + "), whose table was dropped; "
                        + "declare the key again without it"));

        // Declaring again updates the enforcement too
        dsl.execute("select polyref.declare_generic_key('lost_target.note', 'about', 'ct', 'oid', "
                + "array['lost_target.kept']::regclass[], 'cascade', true)");
        assertThat(Checks.integrity().run(dsl)).isEmpty();
        dsl.execute("select polyref.unenforce_generic_key('lost_target.note', 'about')");
    }
}
