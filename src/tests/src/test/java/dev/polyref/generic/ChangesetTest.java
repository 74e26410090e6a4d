package dev.polyref.generic;

import static dev.polyref.example.db.Tables.ATTACHMENT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.polyref.ChangesetRejectedException;
import dev.polyref.ConcurrentChangeException;
import dev.polyref.UnsavedChildException;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.records.AttachmentRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.generic.ChangesetError.Code;
import dev.polyref.generic.ChangesetError.Row;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Changesets on one connection: validation by row and field, bounded statements, nothing written on errors. */
@PolyrefTest
class ChangesetTest extends ChangesetTestBase {

    ChangesetTest(TestDatabase db) {
        super(db);
    }

    @Test
    void changesetReadsTheChildrenWithOneStatementAndHandsOutCopies() {
        Changeset<PostRecord, AttachmentRecord> edit = statements.assertStatements(1,
                () -> attachments.changeset(data.post));
        List<AttachmentRecord> children = edit.children();
        assertThat(children).extracting(AttachmentRecord::getName)
                .containsExactly("cover.png", "draft.txt", "final.pdf");
        assertThat(children.get(0).changed()).isFalse();
        children.get(0).setName("edited in the copy");
        assertThat(edit.children().get(0).getName()).as("the changeset's own rows are untouched").isEqualTo("cover.png");
    }

    @Test
    void validateReportsEveryErrorByRowAndFieldWithOneStatementAndWritesNothing() {
        List<String> before = rows();
        AttachmentRecord renamed = attachments.changeset(data.post).children().get(1);
        renamed.setName("cover.png");                                    // duplicates a sibling
        AttachmentRecord blanked = row(fin.getId()).setName(null);       // NOT NULL
        Changeset<PostRecord, AttachmentRecord> edit = attachments.changeset(data.post)
                .unique(ATTACHMENT.NAME)
                .maxChildren(4)
                .validator((row, reject) -> {
                    if (row.getName() != null && row.getName().endsWith(".exe")) {
                        reject.accept(ATTACHMENT.NAME, "executables are not allowed");
                    }
                })
                .add(named("x".repeat(41)))                                 // added 0: too long
                .add(new AttachmentRecord().setCaption("no name"))            // added 1: name required
                .add(named("setup.exe"))                                     // added 2: the validator
                .change(renamed)
                .change(blanked);
        statements.reset();

        List<ChangesetError> errors = statements.assertStatements(1, edit::validate);

        assertThat(errors).extracting(ChangesetError::row, ChangesetError::index, ChangesetError::key,
                ChangesetError::field, ChangesetError::code).containsExactly(
                tuple(Row.ADDED, 0, null, "name", Code.TOO_LONG),
                tuple(Row.ADDED, 1, null, "name", Code.REQUIRED),
                tuple(Row.ADDED, 2, null, "name", Code.INVALID),
                tuple(Row.CHANGED, -1, fin.getId(), "name", Code.REQUIRED),
                tuple(Row.SET, -1, null, null, Code.TOO_MANY),
                tuple(Row.CHANGED, -1, draft.getId(), "name", Code.DUPLICATE));
        assertThat(errors.get(0).message()).isEqualTo("added row 0: example.attachment.name holds at most 40 "
                + "characters, got 41 ('" + "x".repeat(41) + "')");
        assertThat(errors.get(2).message()).isEqualTo("added row 2: example.attachment.name: executables are "
                + "not allowed");
        assertThat(errors.get(4).message()).contains("at most 4 children", "6 would remain");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void applyWritesAdditionsChangesAndDeletionsWithFiveStatementsHoweverManyRows() {
        for (int n : new int[] {1, 12}) {
            dsl.deleteFrom(ATTACHMENT).execute();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 2 * n; i++) {
                ids.add(attach(dsl, registry.get(data.post).id(), data.post.getId(), "old" + i, i).getId());
            }
            Changeset<PostRecord, AttachmentRecord> edit = attachments.changeset(data.post);
            List<AttachmentRecord> read = edit.children();
            for (int i = 0; i < n; i++) {
                AttachmentRecord changed = read.get(i);
                changed.setCaption("caption " + i);
                if (i % 2 == 0) {
                    changed.setPosition(100 + i);                 // rows change different columns
                }
                edit = edit.change(changed).delete(read.get(n + i)).add(named("new" + i).setPosition(200 + i));
            }
            statements.reset();

            List<AttachmentRecord> added = edit.apply();

            assertThat(statements.statements()).as("n = %d", n).hasSize(5);
            assertThat(statements.statements().get(0)).contains("pg_catalog.pg_advisory_xact_lock");
            assertThat(statements.statements().get(1)).startsWith("select").endsWith("for update");
            assertThat(statements.statements().get(2)).startsWith("delete");
            assertThat(statements.statements().get(3)).startsWith("update").contains("(values");
            assertThat(statements.statements().get(4)).startsWith("insert").contains("returning");
            assertThat(added).extracting(AttachmentRecord::getName)
                    .containsExactlyElementsOf(range(n, i -> "new" + i));
            assertThat(added).allSatisfy(a -> {
                assertThat(a.getId()).isNotNull();
                assertThat(a.getVersion()).isEqualTo(1);
                assertThat(a.getObjectId()).isEqualTo(data.post.getId());
            });
            List<AttachmentRecord> now = attachments.fetch(data.post);
            assertThat(now).hasSize(2 * n);
            for (int i = 0; i < n; i++) {
                AttachmentRecord changed = now.get(i);
                assertThat(changed.getId()).isEqualTo(ids.get(i));
                assertThat(changed.getCaption()).isEqualTo("caption " + i);
                assertThat(changed.getPosition()).isEqualTo(i % 2 == 0 ? 100 + i : i);
                assertThat(changed.getName()).isEqualTo("old" + i);
                assertThat(changed.getVersion()).as("incremented").isEqualTo(2);
            }
            assertThat(now.subList(n, 2 * n)).extracting(AttachmentRecord::getName)
                    .containsExactlyElementsOf(range(n, i -> "new" + i));
        }
    }

    @Test
    void aRejectedApplyRaisesWithTheErrorsAfterTwoStatementsAndWritesNothing() {
        List<String> before = rows();
        Changeset<PostRecord, AttachmentRecord> edit = attachments.changeset(data.post).minChildren(3)
                .delete(cover).change(row(draft.getId()).setCaption("kept?")).add(named(null));
        statements.reset();

        assertThatThrownBy(edit::apply)
                .isExactlyInstanceOf(ChangesetRejectedException.class)
                .hasMessageContaining("example.post <- example.attachment.owner")
                .hasMessageContaining("added row 0: example.attachment.name is required (NOT NULL)")
                .satisfies(e -> assertThat(((ChangesetRejectedException) e).errors())
                        .extracting(ChangesetError::code).containsExactly(Code.REQUIRED));
        assertThat(statements.statements()).hasSize(2).noneMatch(s -> s.startsWith("delete")
                || s.startsWith("update") || s.startsWith("insert"));
        assertThat(rows()).isEqualTo(before);

        // min/max count what remains: deleting two of three leaves fewer than 3 children
        assertThatThrownBy(() -> attachments.changeset(data.post).minChildren(2).delete(cover).delete(draft)
                .apply())
                .isExactlyInstanceOf(ChangesetRejectedException.class)
                .hasMessageContaining("at least 2 children");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aDatabaseErrorDuringApplyRollsBackTheStatementsBeforeIt() {
        dsl.execute("create function example.refuse_boom() returns trigger language plpgsql as $$ begin "
                + "if new.name = 'boom' then raise exception 'boom refused'; end if; return new; end $$");
        dsl.execute("create trigger refuse_boom before insert on example.attachment for each row "
                + "execute function example.refuse_boom()");
        List<String> before = rows();
        Changeset<PostRecord, AttachmentRecord> edit = attachments.changeset(data.post)
                .delete(cover).change(row(draft.getId()).setCaption("changed")).add(named("boom"));

        assertThatThrownBy(edit::apply).isInstanceOf(DataAccessException.class).hasMessageContaining("boom refused");
        assertThat(rows()).as("the DELETE and UPDATE before the failed INSERT are rolled back").isEqualTo(before);
    }

    @Test
    void applyInTheCallersTransactionRollsBackWithIt() {
        List<String> before = rows();
        assertThatThrownBy(() -> dsl.transaction(tx -> {
            RelatedObjects<PostRecord, AttachmentRecord> inTx = root.using(tx.dsl())
                    .relation(GenericRelations.POST__ATTACHMENT_OWNER);
            inTx.changeset(data.post).delete(cover).add(named("new.txt")).apply();
            assertThat(inTx.fetch(data.post)).extracting(AttachmentRecord::getName)
                    .containsExactly("draft.txt", "final.pdf", "new.txt");
            throw new IllegalStateException("the caller gives up");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void deletingAndReAddingANameInOneChangesetWorksBecauseDeletesRunFirst() {
        attachments.changeset(data.post).unique(ATTACHMENT.NAME).delete(cover).add(named("cover.png")).apply();
        assertThat(attachments.fetch(data.post)).extracting(AttachmentRecord::getName)
                .containsExactly("draft.txt", "final.pdf", "cover.png");
    }

    @Test
    void rowsThatAreNotThisParentsChildrenAreReportedNotTouched() {
        // trailer.mp4 is video 1's, and video 1 has the same id as the post
        Changeset<PostRecord, AttachmentRecord> edit = attachments.changeset(data.post)
                .change(row(trailer.getId()).setCaption("hijacked")).delete(row(trailer.getId() + 100));
        assertThat(edit.validate()).extracting(ChangesetError::row, ChangesetError::code).containsExactly(
                tuple(Row.CHANGED, Code.NOT_A_CHILD), tuple(Row.DELETED, Code.NOT_A_CHILD));
        assertThatThrownBy(edit::apply).isExactlyInstanceOf(ChangesetRejectedException.class);
        assertThat(dsl.fetchValue(ATTACHMENT.CAPTION, ATTACHMENT.ID.eq(trailer.getId()))).isNull();

        // a later edit of the same row replaces the earlier one
        assertThat(attachments.changeset(data.post).change(row(trailer.getId()).setCaption("x"))
                .delete(row(trailer.getId())).validate()).extracting(ChangesetError::row)
                .containsExactly(Row.DELETED);
    }

    @Test
    void keyColumnsAreTheChangesetsAndUnsavedRowsCannotBeChanged() {
        AttachmentRecord moved = row(draft.getId()).setCaption("stays").setObjectId(999L);
        AttachmentRecord added = named("elsewhere.txt").setObjectId(999L).setContentTypeId(1);
        attachments.changeset(data.post).change(moved).add(added).apply();
        assertThat(attachments.fetch(data.post)).extracting(AttachmentRecord::getName, AttachmentRecord::getCaption)
                .containsExactly(tuple("cover.png", null), tuple("draft.txt", "stays"), tuple("final.pdf", null),
                        tuple("elsewhere.txt", null));

        statements.reset();
        Changeset<PostRecord, AttachmentRecord> edit = attachments.changeset(data.post);
        assertThatThrownBy(() -> edit.change(named("unsaved"))).isInstanceOf(UnsavedChildException.class)
                .hasMessageContaining("example.attachment.id is null");
    }

    @Test
    void withoutAVersionColumnEveryValueReadIsCompared() {
        RelatedObjects<VideoRecord, TaggedItemRecord> videoTags =
                polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
        TaggedItemRecord cats = videoTags.create(data.video, t -> t.setTag("cats"));
        TaggedItemRecord dogs = videoTags.create(data.video, t -> t.setTag("dogs"));
        Changeset<VideoRecord, TaggedItemRecord> stale = videoTags.changeset(data.video)
                .delete(cats).change(new TaggedItemRecord().setId(dogs.getId()).setTag("wolves"));
        dsl.update(TAGGED_ITEM).set(TAGGED_ITEM.TAG, "kittens").where(TAGGED_ITEM.ID.eq(cats.getId())).execute();

        assertThat(stale.validate()).extracting(ChangesetError::row, ChangesetError::key, ChangesetError::field,
                ChangesetError::code).containsExactly(tuple(Row.DELETED, cats.getId(), "tag", Code.CHANGED_SINCE_READ));
        assertThatThrownBy(stale::apply).isExactlyInstanceOf(ConcurrentChangeException.class)
                .hasMessageContaining("tag is kittens, was cats");
        assertThat(videoTags.fetch(data.video)).extracting(TaggedItemRecord::getTag)
                .containsExactly("kittens", "dogs");
    }

    @Test
    void aVersionPostedBackByAFormIsComparedInsteadOfTheVersionRead() {
        // the form showed version 1; someone else saved version 2 in between; this request reads version 2
        dsl.update(ATTACHMENT).set(ATTACHMENT.CAPTION, "theirs").set(ATTACHMENT.VERSION, 2)
                .where(ATTACHMENT.ID.eq(cover.getId())).execute();
        Changeset<PostRecord, AttachmentRecord> edit = attachments.changeset(data.post)
                .change(row(cover.getId()).setCaption("mine").setVersion(1));
        assertThat(edit.validate()).extracting(ChangesetError::field, ChangesetError::code)
                .containsExactly(tuple("version", Code.CHANGED_SINCE_READ));
        assertThatThrownBy(edit::apply).isExactlyInstanceOf(ConcurrentChangeException.class);
        assertThat(dsl.fetchValue(ATTACHMENT.CAPTION, ATTACHMENT.ID.eq(cover.getId()))).isEqualTo("theirs");

        attachments.changeset(data.post).change(row(cover.getId()).setCaption("mine").setVersion(2)).apply();
        assertThat(dsl.fetchValue(ATTACHMENT.VERSION, ATTACHMENT.ID.eq(cover.getId()))).isEqualTo(3);
    }

    private static List<String> range(int n, java.util.function.IntFunction<String> name) {
        return java.util.stream.IntStream.range(0, n).mapToObj(name).toList();
    }
}
