package dev.polyref.generated;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.BOOKMARK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.example.db.GenericTargets.ActivityTarget;
import dev.polyref.example.db.tables.daos.ActivityDao;
import dev.polyref.example.db.tables.daos.VideoDao;
import dev.polyref.example.db.tables.pojos.Activity;
import dev.polyref.example.db.tables.pojos.Video;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.BookmarkRecord;
import dev.polyref.generic.TypedPrefetched;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.Comparator;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The methods PolyrefGenerator adds to jOOQ's DAOs, with their statement counts: no N+1 over POJOs either. */
@PolyrefTest
class GeneratedDaoTest {

    private final TestDatabase db;
    private final DSLContext dsl;
    private GeneratedData data;
    private ActivityDao activities;
    private VideoDao videos;

    GeneratedDaoTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeEach
    void freshData() {
        data = new GeneratedData(dsl);
        activities = new ActivityDao(dsl.configuration());
        videos = new VideoDao(dsl.configuration());
    }

    @Test
    void fetchByTargetIsOneStatement() {
        ActivityRecord liked = data.activity(dsl, "liked", data.video);
        data.activity(dsl, "liked", data.otherVideo);
        data.activity(dsl, "played", data.song);

        List<Activity> found = db.assertStatements(1, () -> activities.fetchByTarget(data.polyref, data.video));
        assertThat(found).extracting(Activity::getId).containsExactly(liked.getId());
        assertThat(db.assertStatements(1, () -> activities.fetchByTarget(data.polyref, data.post))).isEmpty();
    }

    @Test
    void loadingTheTargetsOfPojosOverFiveTypesIsOnePlusFiveStatements() {
        BookmarkRecord bookmark = dsl.insertInto(BOOKMARK).set(BOOKMARK.URL, "https://www.jooq.org/").returning()
                .fetchSingle();
        List<TableRecord<?>> targets = List.of(data.guido, data.video, data.song, data.post, bookmark,
                data.otherVideo);
        targets.forEach(t -> data.activity(dsl, "touched", t));
        data.activity(dsl, "deleted", data.post);
        data.post.delete();   // both activities on the post now dangle

        TypedPrefetched<Activity, ActivityTarget> loaded = db.assertStatements(1 + 5,
                () -> activities.prefetchTarget(data.polyref, activities.findAll()));

        List<Activity> all = activities.findAll().stream().sorted(Comparator.comparing(Activity::getId)).toList();
        List<Object> found = db.assertStatements(0, () -> all.stream()
                .map(a -> loaded.find(a).<Object>map(ActivityTarget::target).orElse("dangling")).toList());
        assertThat(found).containsExactly(data.guido, data.video, data.song, "dangling", bookmark, data.otherVideo,
                "dangling");
        assertThat(loaded.find(all.get(1))).containsInstanceOf(ActivityTarget.Video.class);
    }

    @Test
    void aPojoWithoutATargetFindsNothingAndAHandMadePojoFindsItsTarget() {
        ActivityRecord liked = data.activity(dsl, "liked", data.video);
        Activity handMade = new Activity().setContentTypeId(liked.getContentTypeId()).setObjectId(liked.getObjectId());
        Activity none = new Activity().setAction("nothing");

        TypedPrefetched<Activity, ActivityTarget> loaded = db.assertStatements(1,
                () -> activities.prefetchTarget(data.polyref, List.of(handMade, none)));
        assertThat(loaded.find(handMade).map(ActivityTarget::target)).contains(data.video);
        assertThat(loaded.find(none)).isEmpty();
    }

    @Test
    void recordsLoadTheSameWayOnePlusFiveStatements() {
        BookmarkRecord bookmark = dsl.insertInto(BOOKMARK).set(BOOKMARK.URL, "https://www.jooq.org/").returning()
                .fetchSingle();
        List.of(data.guido, data.video, data.song, data.post, bookmark).forEach(t -> data.activity(dsl, "x", t));

        TypedPrefetched<ActivityRecord, ActivityTarget> loaded = db.assertStatements(1 + 5, () -> {
            Result<ActivityRecord> feed = dsl.selectFrom(ACTIVITY).fetch();
            return ActivityRecord.prefetchTarget(data.polyref.using(dsl).resolver(), feed);
        });
        assertThat(loaded.size()).isEqualTo(5);
    }

    @Test
    void theTargetTablesDaoFetchesAndCountsChildrenWithOneStatementEach() {
        ActivityRecord liked = data.activity(dsl, "liked", data.video);
        ActivityRecord shared = data.activity(dsl, "shared", data.video);
        data.activity(dsl, "liked", data.otherVideo);
        Video cats = videos.findById(data.video.getId());

        assertThat(db.assertStatements(1, () -> videos.fetchActivityByTarget(data.polyref, cats)))
                .extracting(Activity::getId).containsExactly(liked.getId(), shared.getId());
        assertThat(db.assertStatements(1, () -> videos.countActivityByTarget(data.polyref, cats))).isEqualTo(2);
        Video unknown = new Video().setId(-1L);
        assertThat(db.assertStatements(1, () -> videos.countActivityByTarget(data.polyref, unknown))).isZero();
    }
}
