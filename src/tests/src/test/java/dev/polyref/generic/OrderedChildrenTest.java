package dev.polyref.generic;

import static dev.polyref.example.db.Tables.ATTACHMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.InvalidArgumentException;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.records.AttachmentRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Django's order_with_respect_to on a generic key: get/set the order, one statement each. */
@PolyrefTest
class OrderedChildrenTest extends ChangesetTestBase {

    OrderedChildrenTest(TestDatabase db) {
        super(db);
    }

    @Test
    void theOrderIsReadAndSetWithOneStatementEach() {
        OrderedChildren<PostRecord, AttachmentRecord> files = attachments.ordered(ATTACHMENT.POSITION);
        assertThat(statements.assertStatements(1, () -> files.fetchOrder(data.post)))
                .containsExactly(cover.getId(), draft.getId(), fin.getId());

        int written = statements.assertStatements(1,
                () -> files.setOrder(data.post, List.of(fin.getId(), cover.getId(), draft.getId())));
        assertThat(written).isEqualTo(3);
        assertThat(statements.statements().get(statements.count() - 1)).startsWith("update")
                .contains("unnest", "with ordinality");
        assertThat(files.fetchOrder(data.post)).containsExactly(fin.getId(), cover.getId(), draft.getId());
        assertThat(files.fetch(data.post)).extracting(AttachmentRecord::getName, AttachmentRecord::getPosition)
                .containsExactly(org.assertj.core.api.Assertions.tuple("final.pdf", 0),
                        org.assertj.core.api.Assertions.tuple("cover.png", 1),
                        org.assertj.core.api.Assertions.tuple("draft.txt", 2));
    }

    @Test
    void setOrderWritesOnlyThisParentsChildrenAndRefusesRepeatedKeys() {
        OrderedChildren<PostRecord, AttachmentRecord> files = attachments.ordered(ATTACHMENT.POSITION);
        // trailer.mp4 is video 1's (same id as the post): listed, but not written
        assertThat(files.setOrder(data.post, List.of(trailer.getId(), draft.getId()))).isEqualTo(1);
        assertThat(dsl.fetchValue(ATTACHMENT.POSITION, ATTACHMENT.ID.eq(trailer.getId()))).isZero();
        assertThat(dsl.fetchValue(ATTACHMENT.POSITION, ATTACHMENT.ID.eq(draft.getId()))).isEqualTo(1);

        statements.reset();
        assertThatThrownBy(() -> files.setOrder(data.post, List.of(draft.getId(), cover.getId(), draft.getId())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at index 2 is repeated");
        assertThat(statements.count()).isZero();
        assertThat(files.setOrder(data.post, List.of())).isZero();
        assertThat(statements.count()).isZero();
    }

    @Test
    void appendPutsANewChildLastWithOneStatement() {
        OrderedChildren<PostRecord, AttachmentRecord> files = attachments.ordered(ATTACHMENT.POSITION);
        AttachmentRecord appendix = statements.assertStatements(1,
                () -> files.append(data.post, a -> a.setName("appendix.pdf").setPosition(99)));
        assertThat(appendix.getPosition()).as("computed, not the caller's").isEqualTo(3);
        assertThat(appendix.getObjectId()).isEqualTo(data.post.getId());
        assertThat(files.fetchOrder(data.post)).endsWith(appendix.getId());

        OrderedChildren<VideoRecord, AttachmentRecord> clips = polyref
                .relation(GenericRelations.VIDEO__ATTACHMENT_OWNER).ordered(ATTACHMENT.POSITION);
        assertThat(clips.append(data.otherVideo, a -> a.setName("first.mp4")).getPosition()).isZero();
    }
}
