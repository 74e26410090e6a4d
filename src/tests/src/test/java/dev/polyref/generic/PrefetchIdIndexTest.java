package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A prefetch keeps a page's ids in a primitive index (IdIndex) and its targets at their ids' positions: a page
 * of one type far beyond the index's first size, in shuffled order, with duplicates and dangling ids, in chunks,
 * must find exactly what the table holds, row by row.
 */
@PolyrefTest
class PrefetchIdIndexTest extends ResolverTestBase {

    private static final int VIDEOS = 600;

    PrefetchIdIndexTest(TestDatabase db) {
        super(db);
    }

    @Test
    void aLargePageOfOneTypeFindsEachRowsOwnTarget() {
        Result<ActivityRecord> feed = feed();
        Map<Long, VideoRecord> videos = dsl.selectFrom(VIDEO).fetchMap(VIDEO.ID);
        statements.reset();

        Prefetched targets = resolver.prefetch(ACTIVITY_TARGET, feed);

        assertThat(statements.count()).as("one statement for the videos, one for the song").isEqualTo(2);
        assertEveryRowFindsItsTarget(feed, targets, videos);
    }

    @Test
    void theVideoStatementBindsEachIdOnceInFirstSeenOrder() {
        Result<ActivityRecord> feed = feed();
        int videoType = registry.get(Models.VIDEO).id();
        List<Object> expected = new ArrayList<>(feed.stream().filter(r -> r.getContentTypeId() == videoType)
                .map(ActivityRecord::getObjectId).collect(Collectors.toCollection(LinkedHashSet::new)));
        List<Object[]> arrays = new ArrayList<>();
        ExecuteListener binds = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                ctx.query().getBindValues().stream().filter(Object[].class::isInstance)
                        .forEach(v -> arrays.add((Object[]) v));
            }
        };
        GenericResolver listened = root.using(DSL.using(dsl.configuration().derive(binds))).resolver();

        listened.prefetch(ACTIVITY_TARGET, feed);

        assertThat(arrays).as("the videos' array, then the song's").hasSize(2);
        assertThat(arrays.get(0)).containsExactlyElementsOf(expected);
        assertThat(arrays.get(1)).containsExactly(data.song.getId());
    }

    @Test
    void smallChunksAndOneRoundTripFindTheSame() {
        Result<ActivityRecord> feed = feed();
        Map<Long, VideoRecord> videos = dsl.selectFrom(VIDEO).fetchMap(VIDEO.ID);

        assertEveryRowFindsItsTarget(feed, resolver.withChunkSize(7).prefetch(ACTIVITY_TARGET, feed), videos);
        assertEveryRowFindsItsTarget(feed, resolver.withOneRoundTrip(true).withChunkSize(50)
                .prefetch(ACTIVITY_TARGET, feed), videos);
    }

    /** Rows for 600 videos, each one to three times, shuffled; a sixth of the videos deleted; one song. */
    private Result<ActivityRecord> feed() {
        List<VideoRecord> created = new ArrayList<>();
        for (int i = 0; i < VIDEOS; i++) {
            VideoRecord video = dsl.newRecord(VIDEO).setTitle("v" + i);
            video.store();
            created.add(video);
        }
        List<org.jooq.TableRecord<?>> refs = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            for (int k = 0; k <= i % 3; k++) {
                refs.add(created.get(i));
            }
        }
        Collections.shuffle(refs, new Random(15));
        refs.add(VIDEOS / 2, data.song);
        for (var target : refs) {
            resolver.setTarget(ACTIVITY_TARGET, dsl.newRecord(ACTIVITY).setUserId(data.guido.getId())
                    .setAction("did"), target).store();
        }
        // Dangling: the example's keys are not enforced, so the rows keep pointing at the deleted videos
        List<Long> deleted = created.stream().map(VideoRecord::getId).filter(id -> id % 6 == 0).toList();
        assertThat(dsl.deleteFrom(VIDEO).where(VIDEO.ID.in(deleted)).execute()).isEqualTo(VIDEOS / 6);
        return dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).fetch();
    }

    private void assertEveryRowFindsItsTarget(Result<ActivityRecord> feed, Prefetched targets,
            Map<Long, VideoRecord> videos) {
        int videoType = registry.get(Models.VIDEO).id();
        int dangling = 0;
        for (ActivityRecord row : feed) {
            if (row.getContentTypeId() == videoType) {
                VideoRecord expected = videos.get(row.getObjectId());
                assertThat(targets.find(row, Models.VIDEO)).as("row %d", row.getId())
                        .isEqualTo(java.util.Optional.ofNullable(expected));
                dangling += expected == null ? 1 : 0;
            } else {
                assertThat(targets.find(row)).contains(data.song);
            }
        }
        assertThat(dangling).as("the test's dangling rows").isGreaterThanOrEqualTo(VIDEOS / 6);
        long distinctVideos = feed.stream().filter(r -> r.getContentTypeId() == videoType)
                .map(ActivityRecord::getObjectId).filter(videos::containsKey).distinct().count();
        assertThat(targets.size()).isEqualTo((int) distinctVideos + 1);
        assertThat(targets.targets(Models.VIDEO)).hasSize((int) distinctVideos)
                .doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v).isEqualTo(videos.get(v.getId())));
        assertThat(targets.targets(Models.VIDEO).stream().map(VideoRecord::getId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(feed.stream().filter(r -> r.getContentTypeId() == videoType)
                        .map(ActivityRecord::getObjectId).filter(videos::containsKey).collect(Collectors.toSet()));
    }
}
