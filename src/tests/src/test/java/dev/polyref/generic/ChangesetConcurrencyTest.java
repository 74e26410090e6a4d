package dev.polyref.generic;

import static dev.polyref.example.db.Tables.ATTACHMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.polyref.ChangesetRejectedException;
import dev.polyref.ConcurrentChangeException;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.records.AttachmentRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.generic.ChangesetError.Code;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Two editors of one post's attachments on two connections: the second to apply loses, with nothing written. */
@PolyrefTest
class ChangesetConcurrencyTest extends ChangesetTestBase {

    ChangesetConcurrencyTest(TestDatabase db) {
        super(db);
    }

    private RelatedObjects<PostRecord, AttachmentRecord> on(DSLContext other) {
        return root.using(other).relation(GenericRelations.POST__ATTACHMENT_OWNER);
    }

    @Test
    void theSecondEditorOfARowFailsWithTheConcurrencyErrorAndWritesNothing() throws Exception {
        try (Connection c1 = db.dataSource().getConnection(); Connection c2 = db.dataSource().getConnection()) {
            DSLContext one = TestDatabase.dsl(c1, new StatementCounter());
            DSLContext two = TestDatabase.dsl(c2, new StatementCounter());
            Changeset<PostRecord, AttachmentRecord> first = on(one).changeset(data.post);
            Changeset<PostRecord, AttachmentRecord> second = on(two).changeset(data.post);

            AttachmentRecord mine = first.children().get(0);
            mine.setCaption("first's caption");
            first.change(mine).apply();

            AttachmentRecord theirs = second.children().get(0);
            theirs.setName("renamed.png");
            List<String> before = rows();
            Changeset<PostRecord, AttachmentRecord> stale = second.change(theirs).delete(draft).add(named("new.txt"));
            assertThatThrownBy(stale::apply).isExactlyInstanceOf(ConcurrentChangeException.class)
                    .hasMessageContaining("example.attachment id = " + cover.getId()
                            + " was changed since it was read: version is 2, was 1")
                    .satisfies(e -> assertThat(((ConcurrentChangeException) e).errors())
                            .extracting(ChangesetError::key, ChangesetError::code)
                            .containsExactly(tuple(cover.getId(), Code.CHANGED_SINCE_READ)));
            assertThat(rows()).as("neither the delete nor the insert of the second editor").isEqualTo(before);
            assertThat(attachments.fetch(data.post).get(0).getCaption()).isEqualTo("first's caption");
        }
    }

    @Test
    void aChangesetWaitsForAnotherOfTheSameParentInFlightAndThenSeesItsChanges() throws Exception {
        try (Connection c1 = db.dataSource().getConnection(); Connection c2 = db.dataSource().getConnection()) {
            DSLContext one = TestDatabase.dsl(c1, new StatementCounter());
            DSLContext two = TestDatabase.dsl(c2, new StatementCounter());
            Changeset<PostRecord, AttachmentRecord> second = on(two).changeset(data.post).delete(draft);

            c1.setAutoCommit(false);
            on(one).changeset(data.post).change(row(draft.getId()).setCaption("first")).apply();   // not committed
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(second::apply);
            Thread.sleep(300);
            assertThat(waiting).as("blocked on the first editor's lock").isNotDone();
            c1.commit();

            assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(ConcurrentChangeException.class);
            assertThat(attachments.fetch(data.post)).extracting(AttachmentRecord::getName, AttachmentRecord::getCaption)
                    .contains(tuple("draft.txt", "first"));
        }
    }

    @Test
    void twoEditorsAddingAtOnceCannotTogetherExceedMaxChildrenOrDuplicateAName() throws Exception {
        try (Connection c1 = db.dataSource().getConnection(); Connection c2 = db.dataSource().getConnection()) {
            DSLContext one = TestDatabase.dsl(c1, new StatementCounter());
            DSLContext two = TestDatabase.dsl(c2, new StatementCounter());
            // each alone is valid: 3 children, at most 4; "a.txt" is new
            Changeset<PostRecord, AttachmentRecord> first = on(one).changeset(data.post).maxChildren(4)
                    .unique(ATTACHMENT.NAME).add(named("a.txt"));
            Changeset<PostRecord, AttachmentRecord> second = on(two).changeset(data.post).maxChildren(4)
                    .unique(ATTACHMENT.NAME).add(named("b.txt"));
            assertThat(first.validate()).isEmpty();
            assertThat(second.validate()).isEmpty();

            c1.setAutoCommit(false);
            first.apply();
            CompletableFuture<List<AttachmentRecord>> waiting = CompletableFuture.supplyAsync(second::apply);
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            c1.commit();

            assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause()
                    .isExactlyInstanceOf(ChangesetRejectedException.class)
                    .hasMessageContaining("at most 4 children").hasMessageContaining("5 would remain");
            assertThat(attachments.fetch(data.post)).extracting(AttachmentRecord::getName)
                    .containsExactly("cover.png", "draft.txt", "final.pdf", "a.txt");
        }
    }
}
