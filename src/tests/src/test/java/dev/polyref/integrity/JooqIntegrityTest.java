package dev.polyref.integrity;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.COMMENT;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.PAGE;
import static dev.polyref.example.db.Tables.POST;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.DanglingReferenceException;
import dev.polyref.Polyref;
import dev.polyref.PolyrefException;
import dev.polyref.RestrictedDeleteException;
import dev.polyref.TypeNotAllowedException;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example application's generic keys enforced, driven through jOOQ's generated tables: a jOOQ delete and a
 * raw DELETE honour the action, violating inserts and updates are rejected, and errors become Polyref exceptions.
 */
@PolyrefTest
class JooqIntegrityTest {

    /** The first 8 hex digits of md5('content_type_id,object_id'): the key's constraint names end with it. */
    private static final String CONSTRAINT_HASH = "7d5d34de";

    private final DSLContext dsl;
    private final ContentTypeRegistry registry;
    private int video;
    private int song;
    private int page;
    private long user;

    JooqIntegrityTest(TestDatabase db) {
        this.dsl = IntegritySchema.translating(db);
        this.registry = Polyref.configure().load().using(dsl).contentTypes();
    }

    @BeforeAll
    static void enforce(TestDatabase db) {
        GenericKeyIntegrity integrity = GenericKeyIntegrity.using(db.dsl());
        // As the example declares them (V2__generic_keys.sql): targets and ON DELETE come from the declaration
        integrity.enforce(GenericKeys.ACTIVITY_TARGET);
        integrity.enforce(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT);
        integrity.enforce(GenericKeys.COMMENT_SUBJECT);
    }

    @BeforeEach
    void data() {
        dsl.deleteFrom(ACTIVITY).execute();
        dsl.deleteFrom(TAGGED_ITEM).execute();
        dsl.deleteFrom(COMMENT).execute();
        video = registry.get(VIDEO).id();
        song = registry.get(SONG).id();
        page = registry.get(PAGE).id();
        user = dsl.insertInto(USERS, USERS.USERNAME).values("u" + UUID.randomUUID()).returning(USERS.ID)
                .fetchSingle().getId();
    }

    @Test
    void aJooqDeleteAndARawDeleteBothCascade() {
        long first = newVideo();
        long second = newVideo();
        long third = newVideo();
        for (long v : List.of(first, second, third)) {
            dsl.insertInto(ACTIVITY, ACTIVITY.USER_ID, ACTIVITY.ACTION, ACTIVITY.CONTENT_TYPE_ID, ACTIVITY.OBJECT_ID)
                    .values(user, "watched", video, v).execute();
            dsl.insertInto(TAGGED_ITEM, TAGGED_ITEM.TAG, TAGGED_ITEM.CONTENT_TYPE_ID, TAGGED_ITEM.OBJECT_ID)
                    .values("fun", video, Long.toString(v)).execute();
        }

        dsl.deleteFrom(VIDEO).where(VIDEO.ID.eq(first)).execute();
        dsl.fetchSingle(VIDEO, VIDEO.ID.eq(second)).delete();      // UpdatableRecord.delete()
        dsl.execute("delete from example.video where id = " + third);

        assertThat(dsl.fetchCount(ACTIVITY)).isZero();
        assertThat(dsl.fetchCount(TAGGED_ITEM)).isZero();
    }

    @Test
    void violatingInsertsAndUpdatesAreRejectedWithPolyrefExceptions() {
        long v = newVideo();
        ActivityRecord activity = dsl.newRecord(ACTIVITY).setUserId(user).setAction("liked")
                .setContentTypeId(video).setObjectId(v);
        activity.store();

        assertThatThrownBy(() -> dsl.insertInto(ACTIVITY, ACTIVITY.USER_ID, ACTIVITY.ACTION, ACTIVITY.CONTENT_TYPE_ID,
                ACTIVITY.OBJECT_ID).values(user, "liked", video, v + 1000).execute())
                .isInstanceOf(DanglingReferenceException.class).isInstanceOf(PolyrefException.class)
                .hasCauseInstanceOf(DataAccessException.class)
                .hasMessage("Generic key example.activity(content_type_id, object_id) = (" + video + ", " + (v + 1000)
                        + ") points at a missing row (constraint polyref_fk_content_type_id_object_id_"
                        + CONSTRAINT_HASH + ")");
        assertThatThrownBy(() -> dsl.update(ACTIVITY).set(ACTIVITY.OBJECT_ID, v + 1)
                .where(ACTIVITY.ID.eq(activity.getId())).execute())
                .isInstanceOf(DanglingReferenceException.class);
        activity.setContentTypeId(page);
        assertThatThrownBy(activity::store)
                .isInstanceOf(TypeNotAllowedException.class)
                .hasMessageStartingWith("Content type " + page + " (example.page) is not allowed for generic key "
                        + "example.activity(content_type_id, object_id) = (" + page + ", " + v + ")");
        assertThatThrownBy(() -> dsl.insertInto(ACTIVITY, ACTIVITY.USER_ID, ACTIVITY.ACTION, ACTIVITY.CONTENT_TYPE_ID)
                .values(user, "liked", video).execute())
                .isInstanceOf(DanglingReferenceException.class).hasMessageContaining("half set");
        assertThat(dsl.fetchCount(ACTIVITY)).isOne();
    }

    @Test
    void aRestrictKeyRefusesTheDeleteOfItsTarget() {
        UUID doc = dsl.insertInto(DOCUMENT, DOCUMENT.TITLE).values("spec").returning(DOCUMENT.ID).fetchSingle().getId();
        int docType = registry.get(DOCUMENT).id();
        dsl.insertInto(COMMENT, COMMENT.BODY, COMMENT.SUBJECT_TYPE_ID, COMMENT.SUBJECT_ID).values("+1", docType, doc)
                .execute();
        assertThatThrownBy(() -> dsl.deleteFrom(DOCUMENT).where(DOCUMENT.ID.eq(doc)).execute())
                .isInstanceOf(RestrictedDeleteException.class)
                .hasMessageContaining("Cannot delete object " + doc + " of content type " + docType)
                .hasMessageContaining("rows of example.comment");
        dsl.deleteFrom(COMMENT).execute();
        assertThat(dsl.deleteFrom(DOCUMENT).where(DOCUMENT.ID.eq(doc)).execute()).isOne();
    }

    @Test
    void withoutTheTranslatorJooqsOwnExceptionPassesThrough() {
        DSLContext plain = dsl.configuration().derive(new org.jooq.ExecuteListener[0]).dsl();
        assertThatThrownBy(() -> plain.insertInto(ACTIVITY, ACTIVITY.USER_ID, ACTIVITY.ACTION,
                ACTIVITY.CONTENT_TYPE_ID, ACTIVITY.OBJECT_ID).values(user, "x", song, -1L).execute())
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(PolyrefExceptionTranslator.translate(e)).get()
                        .isInstanceOf(DanglingReferenceException.class));
        assertThat(PolyrefExceptionTranslator.translate(new IllegalStateException("unrelated"))).isEmpty();
    }

    private long newVideo() {
        VideoRecord v = dsl.newRecord(VIDEO).setTitle("clip");
        v.store();
        return v.getId();
    }
}
