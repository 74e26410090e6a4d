package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.UnsavedChildException;
import dev.polyref.UnsavedTargetException;
import dev.polyref.WrongTableException;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.records.CommentRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.TableRecord;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Django's related manager over jOOQ: add, remove, clear, set, create; statement counts and refusals. */
@PolyrefTest
class RelationWritesTest extends RelationTestBase {

    RelationWritesTest(TestDatabase db) {
        super(db);
    }

    @Test
    void addMovesManyStoredChildrenWithOneUpdateAndUpdatesThemInMemory() {
        TaggedItemRecord jazz = tag("jazz", data.otherSong);
        TaggedItemRecord blues = tag("blues", data.otherSong);
        statements.reset();

        assertThat(videoTags.add(data.otherVideo, List.of(jazz, blues))).isEqualTo(2);
        assertThat(statements.statements()).singleElement().asString().startsWith("update");
        assertThat(jazz.getObjectId()).isEqualTo(data.otherVideo.getId().toString());
        assertThat(jazz.getContentTypeId()).isEqualTo(registry.get(data.otherVideo).id());
        assertThat(jazz.changed()).as("the key is stored already").isFalse();
        assertThat(tags(data.otherVideo)).containsExactly("jazz", "blues");

        statements.reset();
        assertThat(videoTags.add(data.otherVideo, List.of())).isZero();
        assertThat(statements.count()).isZero();
    }

    @Test
    void addRefusesUnsavedChildrenChildrenOfAnotherTableAndUnsavedParentsBeforeWritingAnything() {
        TaggedItemRecord unsaved = dsl.newRecord(TAGGED_ITEM).setTag("new");
        assertThatThrownBy(() -> videoTags.add(data.otherVideo, List.of(classic, unsaved)))
                .isInstanceOf(UnsavedChildException.class)
                .hasMessageContaining("unsaved example.tagged_item record")
                .hasMessageContaining("example.tagged_item.id is null");
        assertThatThrownBy(() -> videoTags.add(dsl.newRecord(VIDEO), List.of(classic)))
                .isInstanceOf(UnsavedTargetException.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        RelatedObjects<VideoRecord, CommentRecord> wrong = (RelatedObjects) videoTags;
        CommentRecord comment = new CommentRecord();
        comment.setId(1L);
        assertThatThrownBy(() -> wrong.add(data.video, List.of(comment)))
                .isInstanceOf(WrongTableException.class)
                .hasMessageContaining("expects a child of example.tagged_item, got a record of comment");
        assertThat(statements.count()).isZero();
        assertThat(tags(data.song)).containsExactly("classic");
    }

    @Test
    void removeAndClearDeleteOnlyThisParentsRowsWithOneStatementEach() {
        // classic belongs to song 1, whose id equals video 1's: remove through the video leaves it alone
        assertThat(videoTags.remove(data.video, List.of(cats, classic))).isEqualTo(1);
        assertThat(statements.statements()).singleElement().asString().startsWith("delete");
        assertThat(tags(data.video)).containsExactly("funny");
        assertThat(tags(data.song)).containsExactly("classic");

        statements.reset();
        assertThat(videoTags.clear(data.video)).isEqualTo(1);
        assertThat(statements.count()).isEqualTo(1);
        assertThat(tags(data.video)).isEmpty();
        assertThat(tags(data.song)).containsExactly("classic");
        assertThat(dsl.fetchCount(TAGGED_ITEM)).as("deleted, never set to null; '01' and 'abc' stay").isEqualTo(4);

        statements.reset();
        assertThat(videoTags.remove(data.video, List.of())).isZero();
        assertThat(statements.count()).isZero();
    }

    @Test
    void setDeletesTheRowsNoLongerPresentAndAddsTheNewOnesInOneTransaction() {
        TaggedItemRecord jazz = tag("jazz", data.otherSong);
        List<String> events = new ArrayList<>();
        var counted = root.using(DSL.using(dsl.configuration().derive(transactions(events))))
                .relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
        statements.reset();

        counted.replace(data.video, List.of(funny, jazz));

        assertThat(events).containsExactly("begin", "commit");
        assertThat(statements.statements()).hasSize(2).satisfiesExactly(
                sql -> assertThat(sql).startsWith("delete"), sql -> assertThat(sql).startsWith("update"));
        assertThat(tags(data.video)).containsExactly("funny", "jazz");
        assertThat(tags(data.otherSong)).isEmpty();
        assertThat(dsl.fetchExists(TAGGED_ITEM, TAGGED_ITEM.ID.eq(cats.getId()))).as("deleted, not nulled").isFalse();
        assertThat(tags(data.song)).containsExactly("classic");

        videoTags.replace(data.video, List.of());
        assertThat(tags(data.video)).isEmpty();
        assertThat(tags(data.song)).containsExactly("classic");
    }

    @Test
    void aFailingAddRollsBackTheDeleteOfSet() {
        dsl.execute("create function pg_temp.refuse() returns trigger language plpgsql as "
                + "$$ begin raise exception 'no boom allowed'; end $$");
        dsl.execute("create trigger refuse_boom before update on example.tagged_item for each row "
                + "when (new.tag = 'boom') execute function pg_temp.refuse()");
        try {
            TaggedItemRecord boom = tag("boom", data.otherSong);
            assertThatThrownBy(() -> videoTags.replace(data.video, List.of(boom)))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("no boom allowed");
            assertThat(tags(data.video)).as("the delete was rolled back").containsExactly("cats", "funny");
            assertThat(tags(data.otherSong)).containsExactly("boom");

            TaggedItemRecord unsaved = dsl.newRecord(TAGGED_ITEM).setTag("new");
            statements.reset();
            assertThatThrownBy(() -> videoTags.replace(data.video, List.of(unsaved)))
                    .isInstanceOf(UnsavedChildException.class);
            assertThat(statements.count()).isZero();
        } finally {
            dsl.execute("drop trigger refuse_boom on example.tagged_item");
        }
    }

    @Test
    void createInsertsAChildOfTheParentWithOneStatement() {
        TaggedItemRecord created = videoTags.create(data.otherVideo, t -> t.setTag("new").setObjectId("999"));
        assertThat(statements.statements()).singleElement().asString().startsWith("insert");
        assertThat(created.getId()).isNotNull();
        assertThat(created.getObjectId()).as("the parent wins over values").isEqualTo("2");
        assertThat(tags(data.otherVideo)).containsExactly("new");

        var comments = polyref.relation(GenericRelations.DOCUMENT__COMMENT_SUBJECT);
        CommentRecord first = comments.create(data.document, c -> c.setBody("first"));
        assertThat(first.getSubjectId()).isEqualTo(data.document.getId());
        assertThat(comments.fetch(data.document)).containsExactly(first);
        assertThatThrownBy(() -> comments.create(dsl.newRecord(DOCUMENT), c -> c.setBody("x")))
                .isInstanceOf(UnsavedTargetException.class);
    }

    private List<String> tags(TableRecord<?> parent) {
        return dsl.select(TAGGED_ITEM.TAG).from(TAGGED_ITEM).where(resolver.conditions()
                .pointsAt(TAGGED_ITEM_CONTENT_OBJECT, parent))
                .orderBy(TAGGED_ITEM.ID).fetch(TAGGED_ITEM.TAG);
    }

    private static TransactionListener transactions(List<String> events) {
        return new TransactionListener() {
            @Override
            public void beginEnd(TransactionContext ctx) {
                events.add("begin");
            }

            @Override
            public void commitEnd(TransactionContext ctx) {
                events.add("commit");
            }

            @Override
            public void rollbackEnd(TransactionContext ctx) {
                events.add("rollback");
            }
        };
    }
}
