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
import org.jooq.DSLContext;
import org.jooq.RecordListener;
import org.jooq.Result;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
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

    @Test
    void oneRoundTripTargetsAreTheSameRecords() {
        Result<ActivityRecord> feed = feedOf(data.video, data.song, data.otherVideo);
        statements.reset();

        Prefetched targets = resolver.withOneRoundTrip(true).prefetch(ACTIVITY_TARGET, feed);

        assertThat(statements.count()).as("both types in one call").isEqualTo(1);
        VideoRecord video = targets.find(feed.get(0), Models.VIDEO).orElseThrow();
        SongRecord song = targets.find(feed.get(1), Models.SONG).orElseThrow();
        assertThat(video).isInstanceOf(VideoRecord.class).isEqualTo(dsl.fetchSingle(VIDEO,
                VIDEO.ID.eq(data.video.getId())));
        assertThat(song.intoArray()).containsExactly(data.song.intoArray());
        assertThat(List.of(video, song)).allSatisfy(t -> {
            assertThat(t.changed()).isFalse();
            assertThat(t.configuration()).as("attached").isNotNull();
        });
        song.setTitle("Imagine (mono)");
        statements.reset();
        assertThat(song.store()).isEqualTo(1);
        assertThat(statements.statements()).singleElement().asString().startsWith("update");
    }

    @Test
    void withAttachRecordsOffTargetsAreDetachedAsFetchReturnsThem() {
        DSLContext detached = DSL.using(dsl.configuration().derive(new Settings().withAttachRecords(false)
                .withExecuteLogging(false)));
        Result<ActivityRecord> feed = feedOf(data.video);

        VideoRecord video = root.using(detached).resolver().prefetch(ACTIVITY_TARGET, feed)
                .find(feed.get(0), Models.VIDEO).orElseThrow();

        VideoRecord fetched = detached.selectFrom(VIDEO).where(VIDEO.ID.eq(data.video.getId())).fetchSingle();
        assertThat(fetched.configuration()).as("what fetch() gives under this setting").isNull();
        assertThat(video.configuration()).isNull();
        assertThat(video).isEqualTo(fetched);
        assertThat(video.changed()).isFalse();
    }

    @Test
    void withARecordListenerTargetsStillEqualFetch() {
        // A record listener sends the read through jOOQ's own record creation (it may expect its events)
        DSLContext listened = DSL.using(dsl.configuration().derive(RecordListener.onLoadEnd(ctx -> {})));
        Result<ActivityRecord> feed = feedOf(data.song);

        SongRecord song = root.using(listened).resolver().prefetch(ACTIVITY_TARGET, feed)
                .find(feed.get(0), Models.SONG).orElseThrow();

        assertThat(song.intoArray()).containsExactly(data.song.intoArray());
        assertThat(song.configuration()).as("attached to the listener's configuration").isNotNull();
        assertThat(song.changed()).isFalse();
    }

    @Test
    void theIdArrayIsBoundWithItsOwnTypeNotACopyPerStatement() {
        Long[] ids = {1L, 2L};

        org.jooq.Param<Long[]> bind = DSL.val(ids, BigintArrayBinding.TYPE);

        // jOOQ types a non-null bind value notNull(); a nullable converted type would be rebuilt on every prefetch
        assertThat(bind.getDataType()).isSameAs(BigintArrayBinding.TYPE);
        assertThat(bind.getDataType().getBinding()).isInstanceOf(BigintArrayBinding.class);
        assertThat(dsl.renderInlined(DSL.select(bind))).contains("cast('{1,2}' as bigint[])");
    }
}
