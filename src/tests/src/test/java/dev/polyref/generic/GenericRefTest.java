package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.GenericKeys.COMMENT_SUBJECT;
import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.COMMENT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.ObjectIdCoercionException;
import dev.polyref.TypeNotAllowedException;
import dev.polyref.UnsavedTargetException;
import dev.polyref.catalogue.ContentType;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.CommentRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import org.jooq.TableRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Setting a generic key from a record, reading it back, and resolving one ref. */
@PolyrefTest
class GenericRefTest extends ResolverTestBase {

    GenericRefTest(TestDatabase db) {
        super(db);
    }

    @BeforeEach
    void warmCatalogue() {
        registry.fetchAll();
        statements.reset();
    }

    @Test
    void settingFromARecordFillsBothColumnsAndReadsBackAsAnEqualRef() {
        ActivityRecord activity = dsl.newRecord(ACTIVITY).setUserId(data.guido.getId()).setAction("uploaded");
        resolver.setTarget(ACTIVITY_TARGET, activity, data.video).store();
        ContentType videoType = registry.get(VIDEO);
        assertThat(activity.getContentTypeId()).isEqualTo(videoType.id());
        assertThat(activity.getObjectId()).isEqualTo(data.video.getId());

        ActivityRecord reloaded = dsl.fetchSingle(ACTIVITY, ACTIVITY.ID.eq(activity.getId()));
        GenericRef<VideoRecord> expected = resolver.ref(data.video);
        assertThat(resolver.findRef(ACTIVITY_TARGET, reloaded)).contains(new GenericRef<>(videoType, data.video.getId()));
        assertThat(resolver.findRef(ACTIVITY_TARGET, reloaded).orElseThrow()).isEqualTo(expected)
                .hasSameHashCodeAs(expected);
        assertThat(resolver.ref(Models.VIDEO, data.video.getId())).isEqualTo(expected);
    }

    @Test
    void nullClearsBothColumnsAndNullColumnsGiveNoRef() {
        ActivityRecord activity = dsl.newRecord(ACTIVITY).setUserId(data.guido.getId()).setAction("x");
        resolver.setTarget(ACTIVITY_TARGET, activity, data.song);
        resolver.setTarget(ACTIVITY_TARGET, activity, null);
        assertThat(activity.getContentTypeId()).isNull();
        assertThat(activity.getObjectId()).isNull();
        assertThat(resolver.findRef(ACTIVITY_TARGET, activity)).isEmpty();
        assertThat(resolver.fetchOptional(ACTIVITY_TARGET, activity)).isEmpty();
        assertThat(statements.count()).isZero();

        activity.setContentTypeId(registry.get(VIDEO).id());
        assertThat(resolver.findRef(ACTIVITY_TARGET, activity)).as("object id still null").isEmpty();
    }

    @Test
    void anUnsavedTargetIsRefusedAndTheRowIsLeftUnchanged() {
        ActivityRecord activity = dsl.newRecord(ACTIVITY);
        VideoRecord unsaved = dsl.newRecord(VIDEO).setTitle("draft");
        assertThatThrownBy(() -> resolver.setTarget(ACTIVITY_TARGET, activity, unsaved))
                .isInstanceOf(UnsavedTargetException.class)
                .hasMessage("Cannot point generic key example.activity.target (content_type_id, object_id) at an "
                        + "unsaved example.video record: its primary key example.video.id is null; store it first");
        assertThat(activity.getContentTypeId()).isNull();
        assertThatThrownBy(() -> resolver.ref(unsaved)).isInstanceOf(UnsavedTargetException.class);
    }

    @Test
    void aTargetOfATypeTheKeyDoesNotAllowIsRefused() {
        CommentRecord comment = dsl.newRecord(COMMENT).setBody("nice");
        assertThatThrownBy(() -> resolver.setTarget(COMMENT_SUBJECT, comment, data.video))
                .isInstanceOf(TypeNotAllowedException.class)
                .hasMessage("Generic key example.comment.subject (subject_type_id, subject_id) may not point at "
                        + "example.video; allowed: example.document");
        assertThat(comment.getSubjectTypeId()).isNull();
        assertThatThrownBy(() -> resolver.setTarget(ACTIVITY_TARGET, dsl.newRecord(ACTIVITY), data.document))
                .isInstanceOf(TypeNotAllowedException.class);
    }

    @Test
    void aTextObjectIdStoresTheCanonicalSpellingOfAnyKeyType() {
        TaggedItemRecord onVideo = resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM), data.video);
        TaggedItemRecord onDocument = resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM),
                data.document);
        TaggedItemRecord onPage = resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM), data.page);
        assertThat(onVideo.getObjectId()).isEqualTo(String.valueOf(data.video.getId()));
        assertThat(onDocument.getObjectId()).isEqualTo(data.document.getId().toString());
        assertThat(onPage.getObjectId()).isEqualTo("about");
        GenericRef<?> videoRef = resolver.findRef(TAGGED_ITEM_CONTENT_OBJECT, onVideo).orElseThrow();
        assertThat(videoRef).isEqualTo(resolver.ref(data.video));
        assertThat(videoRef.objectId()).as("read back as the video's bigint key").isEqualTo(data.video.getId());
        assertThat(resolver.findRef(TAGGED_ITEM_CONTENT_OBJECT, onDocument).orElseThrow())
                .isEqualTo(resolver.ref(data.document));
    }

    @Test
    void anUncoercibleObjectIdRaisesNamingColumnAndValue() {
        TaggedItemRecord bad = dsl.newRecord(TAGGED_ITEM).setTag("x")
                .setContentTypeId(registry.get(VIDEO).id()).setObjectId("abc");
        assertThatThrownBy(() -> resolver.findRef(TAGGED_ITEM_CONTENT_OBJECT, bad))
                .isInstanceOf(ObjectIdCoercionException.class)
                .hasMessageStartingWith("Object id 'abc' in example.tagged_item.object_id cannot be coerced to the "
                        + "bigint primary key example.video.id");
        bad.setObjectId("007");
        assertThatThrownBy(() -> resolver.fetchOptional(TAGGED_ITEM_CONTENT_OBJECT, bad))
                .as("a non-canonical spelling is never silently matched")
                .isInstanceOf(ObjectIdCoercionException.class).hasMessageContaining("'007'");
        assertThat(statements.count()).isZero();
    }

    @Test
    void resolvingOneRefIsOneStatementAndADeletedTargetGivesEmpty() {
        ActivityRecord activity = resolver.setTarget(ACTIVITY_TARGET,
                dsl.newRecord(ACTIVITY).setUserId(data.guido.getId()).setAction("liked"), data.post);
        activity.store();
        statements.reset();

        assertThat(resolver.fetchOptional(ACTIVITY_TARGET, activity)).get()
                .isEqualTo(data.post);
        assertThat(statements.count()).isEqualTo(1);

        GenericRef<VideoRecord> ref = resolver.ref(data.otherVideo);
        statements.reset();
        assertThat(resolver.fetchOptional(ref)).get().extracting(VideoRecord::getTitle).isEqualTo("dogs");
        assertThat(statements.count()).isEqualTo(1);

        data.otherVideo.delete();
        statements.reset();
        assertThat(resolver.fetchOptional(ref)).as("dangling").isEmpty();
        assertThat(statements.count()).isEqualTo(1);
    }

    @Test
    void aUuidKeyRoundTrips() {
        CommentRecord comment = resolver.setTarget(COMMENT_SUBJECT, dsl.newRecord(COMMENT).setBody("good"), data.document);
        comment.store();
        assertThat(comment.getSubjectId()).isEqualTo(data.document.getId());
        statements.reset();
        TableRecord<?> target = resolver.fetchOptional(COMMENT_SUBJECT, comment).orElseThrow();
        assertThat(target).isEqualTo(data.document);
        assertThat(statements.count()).isEqualTo(1);
    }
}
