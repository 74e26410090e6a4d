package dev.polyref.generated;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.COMMENT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.TypeNotAllowedException;
import dev.polyref.UnsavedTargetException;
import dev.polyref.example.db.GenericTargets.ActivityTarget;
import dev.polyref.example.db.GenericTargets.CommentSubject;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.CommentRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.generic.GenericRef;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.jooq.exception.DetachedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The navigation methods PolyrefGenerator adds to the example's records, compiled with the example and run against
 * PostgreSQL: Django's {@code obj.content_object} and {@code video.activities}, with their statement counts.
 */
@PolyrefTest
class RecordNavigationTest {

    private final TestDatabase db;
    private final DSLContext dsl;
    private GeneratedData data;

    RecordNavigationTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeEach
    void freshData() {
        data = new GeneratedData(dsl);
    }

    @Test
    void setTargetFillsBothColumnsInMemoryAndFetchTargetReadsItWithOneStatement() {
        ActivityRecord a = dsl.newRecord(ACTIVITY).setUserId(data.guido.getId()).setAction("liked");
        db.assertStatements(0, () -> a.setTarget(data.polyref, data.video));
        assertThat(a.getContentTypeId()).isEqualTo(data.polyref.using(dsl).contentTypes().get(data.video).id());
        assertThat(a.getObjectId()).isEqualTo(data.video.getId());
        a.store();

        ActivityRecord read = dsl.fetchSingle(ACTIVITY, ACTIVITY.ID.eq(a.getId()));
        Optional<ActivityTarget> target = db.assertStatements(1, () -> read.fetchTarget(data.polyref));
        assertThat(target).containsInstanceOf(ActivityTarget.Video.class);
        VideoRecord video = ((ActivityTarget.Video) target.orElseThrow()).target();
        assertThat(video.getTitle()).isEqualTo("cats");
        assertThat(target.orElseThrow().target()).isEqualTo(data.video);
    }

    @Test
    void findTargetRefRunsNoStatementAndEqualsTheResolversRef() {
        ActivityRecord a = data.activity(dsl, "played", data.song);
        GenericRef<TableRecord<?>> ref = db.assertStatements(0, () -> a.findTargetRef(data.polyref)).orElseThrow();
        assertThat(ref).isEqualTo(data.polyref.using(dsl).resolver().ref(data.song));
        a.setTarget(data.polyref, null);
        assertThat(a.getContentTypeId()).isNull();
        assertThat(a.getObjectId()).isNull();
        assertThat(db.assertStatements(0, () -> a.findTargetRef(data.polyref))).isEmpty();
        assertThat(db.assertStatements(0, () -> a.fetchTarget(data.polyref))).as("no ref, no statement").isEmpty();
    }

    @Test
    void aDeletedTargetIsEmptyAfterOneStatement() {
        ActivityRecord a = data.activity(dsl, "read", data.post);
        data.post.delete();
        assertThat(db.assertStatements(1, () -> a.fetchTarget(data.polyref))).isEmpty();
    }

    @Test
    void aTargetTheKeyDoesNotAllowIsRefusedAndTheRowIsUntouched() {
        ActivityRecord a = data.activity(dsl, "liked", data.video);
        assertThatThrownBy(() -> a.setTarget(data.polyref, data.document))
                .isExactlyInstanceOf(TypeNotAllowedException.class)
                .hasMessageContaining("example.document");
        assertThat(a.getObjectId()).isEqualTo(data.video.getId());
        assertThat(a.changed()).isFalse();

        VideoRecord unsaved = dsl.newRecord(VIDEO).setTitle("draft");
        assertThatThrownBy(() -> a.setTarget(data.polyref, unsaved)).isExactlyInstanceOf(UnsavedTargetException.class);
    }

    @Test
    void aDetachedRecordCannotNavigate() {
        ActivityRecord detached = new ActivityRecord();
        assertThatThrownBy(() -> detached.fetchTarget(data.polyref)).isExactlyInstanceOf(DetachedException.class)
                .hasMessageContaining("ActivityRecord");
        VideoRecord video = new VideoRecord().setId(data.video.getId());
        assertThatThrownBy(() -> video.fetchActivityByTarget(data.polyref))
                .isExactlyInstanceOf(DetachedException.class);
    }

    @Test
    void aKeyAllowingAnyTableReadsATableRecordAndAUuidKeyIsTyped() {
        TaggedItemRecord tag = dsl.newRecord(TAGGED_ITEM).setTag("about-page").setContentObject(data.polyref, data.page);
        tag.store();
        Optional<TableRecord<?>> page = db.assertStatements(1, () -> tag.fetchContentObject(data.polyref));
        assertThat(page).contains(data.page);

        CommentRecord comment = dsl.newRecord(COMMENT).setBody("typo").setSubject(data.polyref, data.document);
        comment.store();
        Optional<CommentSubject> subject = db.assertStatements(1, () -> comment.fetchSubject(data.polyref));
        assertThat(subject.map(CommentSubject::target)).contains(data.document);
    }

    @Test
    void aTargetRecordReadsAndCountsItsChildrenWithOneStatementEach() {
        ActivityRecord liked = data.activity(dsl, "liked", data.video);
        ActivityRecord shared = data.activity(dsl, "shared", data.video);
        data.activity(dsl, "liked", data.otherVideo);
        data.activity(dsl, "played", data.song);

        assertThat(db.assertStatements(1, () -> data.video.fetchActivityByTarget(data.polyref)))
                .extracting(ActivityRecord::getId).containsExactly(liked.getId(), shared.getId());
        assertThat(db.assertStatements(1, () -> data.video.countActivityByTarget(data.polyref))).isEqualTo(2);
        assertThat(db.assertStatements(1, () -> data.post.countActivityByTarget(data.polyref))).isZero();
        assertThat(db.assertStatements(1, () -> data.post.fetchActivityByTarget(data.polyref))).isEmpty();
        // the any-table key relates to every table, the activity itself included
        TaggedItemRecord tag = dsl.newRecord(TAGGED_ITEM).setTag("spam").setContentObject(data.polyref, liked);
        tag.store();
        assertThat(db.assertStatements(1, () -> liked.fetchTaggedItemByContentObject(data.polyref)))
                .containsExactly(tag);
    }

    @Test
    void navigationRunsInTheTransactionOfTheRecordsConfiguration() {
        assertThatThrownBy(() -> dsl.transaction(tx -> {
            VideoRecord v = tx.dsl().fetchSingle(VIDEO, VIDEO.ID.eq(data.video.getId()));
            tx.dsl().newRecord(ACTIVITY).setUserId(data.guido.getId()).setAction("liked")
                    .setTarget(data.polyref, v).store();
            assertThat(v.countActivityByTarget(data.polyref)).as("sees the uncommitted row").isEqualTo(1);
            throw new IllegalStateException("roll back");
        })).hasMessageContaining("roll back");
        assertThat(data.video.countActivityByTarget(data.polyref)).isZero();
    }
}
