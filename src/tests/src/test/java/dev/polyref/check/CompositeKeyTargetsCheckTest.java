package dev.polyref.check;

import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.PLAYLIST_ENTRY;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.Polyref;
import dev.polyref.PolyrefException;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.PlaylistEntryRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Composite-key targets (N94): refused, and the check names every table a key would need to point at. */
@PolyrefTest
class CompositeKeyTargetsCheckTest {

    private final DSLContext dsl;

    CompositeKeyTargetsCheckTest(TestDatabase db) {
        this.dsl = db.dsl();
    }

    @AfterEach
    void cleanUp() {
        dsl.execute("delete from polyref.generic_key where name = 'about'");
        dsl.execute("drop table if exists example.note, example.gizmo");
        dsl.execute("delete from polyref.content_type where model in ('note', 'gizmo')");
        dsl.execute("delete from example.tagged_item");
        dsl.execute("delete from example.playlist_entry");
        dsl.execute("delete from example.song");
    }

    private int contentTypeId(String model) {
        return dsl.fetchValue("select id from polyref.content_type where model = {0}", model) instanceof Integer i
                ? i : -1;
    }

    @Test
    void aCatalogedCompositeKeyTableNoKeyPointsAtIsNoProblem() {
        assertThat(contentTypeId("playlist_entry")).as("catalogued").isPositive();
        assertThat(Checks.compositeKeyTargets().run(dsl)).isEmpty();
    }

    @Test
    void rowsPointingAtACompositeKeyTableAreNamedWithTheTable() {
        int playlist = contentTypeId("playlist_entry");
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) values "
                + "('a', " + playlist + ", '[\"rock\", 1]'), ('b', " + playlist + ", '[\"rock\", 2]')");

        assertThat(Checks.compositeKeyTargets().run(dsl)).extracting(Problem::toString).containsExactly(
                "composite-key-targets: example.playlist_entry: table example.playlist_entry, content type " + playlist
                        + ", has a primary key of 2 columns and is pointed at by 2 row(s) of generic key "
                        + "content_object on example.tagged_item; generic keys need a single-column primary key "
                        + "(Polyref refuses composite-key targets): give the table one, for example id bigint "
                        + "generated always as identity primary key, and make the old key unique");
        assertThat(Checks.defaults()).extracting(Check::name).contains("composite-key-targets");
    }

    @Test
    void anAllowedTargetWhosePrimaryKeyGainedAColumnIsNamed() {
        dsl.execute("create table example.gizmo (a integer primary key, b integer not null default 0)");
        dsl.execute("create table example.note (id bigint primary key, "
                + "about_type integer references polyref.content_type (id), about_id bigint)");
        dsl.execute("select polyref.declare_generic_key('example.note', 'about', 'about_type', 'about_id', "
                + "array['example.gizmo']::regclass[])");
        assertThat(Checks.compositeKeyTargets().run(dsl)).isEmpty();

        dsl.execute("alter table example.gizmo drop constraint gizmo_pkey, add primary key (a, b)");

        assertThat(Checks.compositeKeyTargets().run(dsl)).singleElement().satisfies(p -> {
            assertThat(p.subject()).isEqualTo("example.gizmo");
            assertThat(p.message()).contains("has a primary key of 2 columns and is an allowed target of generic key "
                    + "about on example.note;");
        });
    }

    @Test
    void declaringAKeyWithACompositeKeyTargetIsRefused() {
        dsl.execute("create table example.note (id bigint primary key, "
                + "about_type integer references polyref.content_type (id), about_id bigint)");

        assertThatThrownBy(() -> dsl.execute("select polyref.declare_generic_key('example.note', 'about', "
                + "'about_type', 'about_id', array['example.playlist_entry']::regclass[])"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("playlist_entry");
        assertThat(dsl.fetchCount(dsl.selectFrom("polyref.generic_key").where("name = 'about'"))).isZero();
    }

    @Test
    void theRuntimeRefusesACompositeKeyRecordNamingItsTable() {
        long song = dsl.insertInto(SONG, SONG.TITLE, SONG.ARTIST).values("s", "a").returning(SONG.ID).fetchOne()
                .getId();
        PlaylistEntryRecord entry = dsl.insertInto(PLAYLIST_ENTRY).set(PLAYLIST_ENTRY.PLAYLIST, "rock")
                .set(PLAYLIST_ENTRY.POSITION, 1).set(PLAYLIST_ENTRY.SONG_ID, song).returning().fetchOne();
        var resolver = Polyref.configure().models(Models.ALL).load().using(dsl).resolver();

        assertThatThrownBy(() -> resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM), entry))
                .isExactlyInstanceOf(PolyrefException.class)
                .hasMessage("Table example.playlist_entry has no single-column primary key; generic keys cannot "
                        + "point at it");
        assertThat(Models.ALL).noneMatch(m -> m.naturalKey().model().equals("playlist_entry"));
    }
}
