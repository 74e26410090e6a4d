package dev.polyref.generic;

import static dev.polyref.example.db.Tables.ATTACHMENT;

import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.records.AttachmentRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;

/**
 * Changeset tests start from {@link ExampleData} plus three attachments of the post: "cover.png" (position 0),
 * "draft.txt" (1) and "final.pdf" (2), all at version 1, and one attachment of video 1 with the same id as the
 * post ("trailer.mp4"). Registry warm, counter at zero.
 */
abstract class ChangesetTestBase extends ResolverTestBase {

    protected final TestDatabase db;
    protected RelatedObjects<PostRecord, AttachmentRecord> attachments;
    protected AttachmentRecord cover;
    protected AttachmentRecord draft;
    protected AttachmentRecord fin;
    protected AttachmentRecord trailer;

    ChangesetTestBase(TestDatabase db) {
        super(db);
        this.db = db;
    }

    @BeforeEach
    void attachThem() {
        dsl.execute("truncate example.attachment restart identity");
        int postType = registry.get(data.post).id();
        cover = attach(dsl, postType, data.post.getId(), "cover.png", 0);
        draft = attach(dsl, postType, data.post.getId(), "draft.txt", 1);
        fin = attach(dsl, postType, data.post.getId(), "final.pdf", 2);
        trailer = attach(dsl, registry.get(data.video).id(), data.video.getId(), "trailer.mp4", 0);
        attachments = polyref.relation(GenericRelations.POST__ATTACHMENT_OWNER);
        registry.fetchAll();
        statements.reset();
    }

    static AttachmentRecord attach(DSLContext dsl, int type, long parent, String name, int position) {
        return dsl.insertInto(ATTACHMENT).set(ATTACHMENT.CONTENT_TYPE_ID, type).set(ATTACHMENT.OBJECT_ID, parent)
                .set(ATTACHMENT.NAME, name).set(ATTACHMENT.POSITION, position).returning().fetchSingle();
    }

    /** Every attachment row as "owner-type:owner:name:caption:position:version", ordered by id. */
    protected List<String> rows() {
        return dsl.selectFrom(ATTACHMENT).orderBy(ATTACHMENT.ID).fetch(r -> r.getContentTypeId() + ":"
                + r.getObjectId() + ":" + r.getName() + ":" + r.getCaption() + ":" + r.getPosition() + ":"
                + r.getVersion());
    }

    protected static AttachmentRecord named(String name) {
        return new AttachmentRecord().setName(name);
    }

    protected static AttachmentRecord row(long id) {
        AttachmentRecord row = new AttachmentRecord();
        row.setId(id);
        return row;
    }
}
