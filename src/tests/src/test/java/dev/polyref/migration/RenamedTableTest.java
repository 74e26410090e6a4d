package dev.polyref.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Renames (issue 9): after {@code ALTER TABLE ... RENAME} or {@code SET SCHEMA}, the catalogue sync keeps the
 * content type's id and follows the table, so references stay valid and nothing goes stale. Django needs a
 * RenameContentType migration operation for this; PostgreSQL knows it is the same table.
 */
@PolyrefTest
class RenamedTableTest {

    private final DSLContext dsl;

    RenamedTableTest(TestDatabase db) {
        this.dsl = db.dsl();
    }

    @Test
    void aRenamedAndMovedTableKeepsItsContentTypeAndItsReferences() {
        dsl.execute("create schema before_move");
        dsl.execute("create schema after_move");
        dsl.execute("create table before_move.clip (id bigint primary key, title text)");
        dsl.execute("create table before_move.note (id bigint generated always as identity primary key, "
                + "ct integer references polyref.content_type (id), oid bigint)");
        dsl.execute("select polyref.sync_content_types(array['before_move', 'after_move'])");
        dsl.execute("select polyref.declare_generic_key('before_move.note', 'about', 'ct', 'oid', "
                + "array['before_move.clip']::regclass[], 'cascade', true)");
        int id = contentType("before_move", "clip");
        dsl.execute("insert into before_move.clip values (1, 'one')");
        dsl.execute("insert into before_move.note (ct, oid) values ({0}, 1)", id);

        dsl.execute("alter table before_move.clip rename to video_clip");
        dsl.execute("alter table before_move.video_clip set schema after_move");
        assertThat(dsl.fetch("select * from polyref.stale_content_types()")).as("renamed, not stale").isEmpty();
        assertThat(dsl.fetch("select * from polyref.sync_content_types(array['before_move', 'after_move'])"))
                .as("nothing added: the row followed the table").isEmpty();

        assertThat(contentType("after_move", "video_clip")).isEqualTo(id);
        assertThat(dsl.fetchCount(DSL.table("polyref.content_type"),
                DSL.condition("app_label = 'before_move' and model = 'clip'"))).isZero();
        assertThat(dsl.fetch("select * from polyref.stale_content_types()")).isEmpty();
        ContentType type = dev.polyref.Polyref.configure().load().using(dsl).contentTypes().get(NaturalKey.of("after_move", "video_clip"));
        assertThat(type.id()).isEqualTo(id);
        // The reference still resolves to the row, and the enforced key still protects it
        assertThat(dsl.fetchValue("select c.title from before_move.note n join polyref.content_type ct on ct.id = n.ct "
                + "join after_move.video_clip c on c.id = n.oid where ct.app_label = 'after_move' "
                + "and ct.model = 'video_clip'")).isEqualTo("one");
        assertThat(dsl.fetch("select * from polyref.integrity_check()")).isEmpty();
        assertThat(dsl.fetch("select * from polyref.generic_key_problems()")).isEmpty();
        assertThat(dsl.fetch("select * from polyref.dangling_references()")).isEmpty();
        dsl.execute("delete from after_move.video_clip");
        assertThat(dsl.fetchCount(DSL.table("before_move.note"))).as("ON DELETE CASCADE still applies").isZero();

        // The key's own table follows a rename too
        dsl.execute("alter table before_move.note rename to remark");
        assertThat(dsl.fetch("select table_schema, table_name, name from polyref.generic_keys() "
                + "where table_schema = 'before_move'").map(r -> r.get(1) + "/" + r.get(2)))
                .containsExactly("remark/about");
        dsl.execute("drop schema before_move, after_move cascade");
    }

    @Test
    void aTableDroppedAndCreatedAgainUnderItsNameKeepsTheRowOfThatName() {
        dsl.execute("create schema recreate");
        dsl.execute("create table recreate.thing (id bigint primary key)");
        dsl.execute("select polyref.sync_content_types(array['recreate'])");
        int id = contentType("recreate", "thing");
        dsl.execute("drop table recreate.thing");
        dsl.execute("create table recreate.thing (id bigint primary key)");
        dsl.execute("select polyref.sync_content_types(array['recreate'])");

        assertThat(contentType("recreate", "thing")).isEqualTo(id);
        assertThat(dsl.fetchValue("select relation = 'recreate.thing'::regclass from polyref.content_type "
                + "where id = {0}", id)).isEqualTo(true);
        dsl.execute("drop schema recreate cascade");
    }

    private int contentType(String appLabel, String model) {
        return dsl.resultQuery("select id from polyref.content_type where app_label = {0} and model = {1}",
                DSL.val(appLabel), DSL.val(model)).fetchSingle().get(0, Integer.class);
    }
}
