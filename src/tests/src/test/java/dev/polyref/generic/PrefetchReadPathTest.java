package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.jooq.Result;
import org.junit.jupiter.api.Test;

/**
 * Targets read past jOOQ's record building ({@code TargetReader}) must be the records {@code fetch()} returns:
 * same values (nulls included), attached, unchanged, stored with an UPDATE, and counted as statements.
 */
@PolyrefTest
class PrefetchReadPathTest extends ResolverTestBase {

    PrefetchReadPathTest(TestDatabase db) {
        super(db);
    }

    private Result<ActivityRecord> feedOf(org.jooq.TableRecord<?>... targets) {
        for (var target : targets) {
            resolver.setTarget(ACTIVITY_TARGET, dsl.newRecord(ACTIVITY).setUserId(data.guido.getId())
                    .setAction("did"), target).store();
        }
        return dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).fetch();
    }

    @Test
    void targetsEqualWhatFetchReturnsNullsIncluded() {
        data.otherVideo.setUploaderId(null);
        data.otherVideo.store();
        Result<ActivityRecord> feed = feedOf(data.video, data.otherVideo, data.song);
        statements.reset();

        Prefetched targets = resolver.prefetch(ACTIVITY_TARGET, feed);

        assertThat(statements.count()).as("one statement per type, counted").isEqualTo(2);
        List<VideoRecord> expected = dsl.selectFrom(VIDEO).orderBy(VIDEO.ID).fetch();
        List<VideoRecord> got = List.of(targets.find(feed.get(0), Models.VIDEO).orElseThrow(),
                targets.find(feed.get(1), Models.VIDEO).orElseThrow());
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(got.get(1).getUploaderId()).isNull();
        assertThat(got).allSatisfy(v -> {
            assertThat(v.changed()).isFalse();
            assertThat(v.original()).isEqualTo(v);
            assertThat(v.configuration()).as("attached").isNotNull();
        });
        SongRecord song = targets.find(feed.get(2), Models.SONG).orElseThrow();
        assertThat(song.intoArray()).containsExactly(data.song.intoArray());
    }

    @Test
    void aLoadedTargetStoresAsAnUpdate() {
        Result<ActivityRecord> feed = feedOf(data.song);
        SongRecord song = resolver.prefetch(ACTIVITY_TARGET, feed).find(feed.get(0), Models.SONG).orElseThrow();
        int songs = dsl.fetchCount(SONG);

        song.setTitle("Imagine (remastered)");
        statements.reset();
        assertThat(song.store()).isEqualTo(1);

        assertThat(statements.statements()).singleElement().asString().startsWith("update");
        assertThat(dsl.fetchCount(SONG)).isEqualTo(songs);
        assertThat(dsl.fetchValue(SONG.TITLE, SONG.ID.eq(data.song.getId()))).isEqualTo("Imagine (remastered)");
        song.refresh();
        assertThat(song.getArtist()).isEqualTo("Lennon");
    }
}
