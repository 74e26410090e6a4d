package dev.polyref.spring;

import dev.polyref.PolyrefContext;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.records.VideoRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static dev.polyref.example.db.Tables.VIDEO;

/** The README's service class: Polyref writes inside Spring-managed transactions. */
@Service
class TagService {

    private final PolyrefContext polyref;
    private final DSLContext dsl;

    TagService(PolyrefContext polyref, DSLContext dsl) {
        this.polyref = polyref;
        this.dsl = dsl;
    }

    /** Creates a video and tags it in one transaction; throws after both writes when {@code fail}. */
    @Transactional
    public long videoWithTag(String title, String tag, boolean fail) {
        VideoRecord video = dsl.newRecord(VIDEO).setTitle(title);
        video.store();
        polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(video, t -> t.setTag(tag));
        // Visible inside the transaction: Polyref's write went through the transaction's connection
        int tags = dsl.fetchCount(polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT).relation()
                .childTable(), polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT).childrenOf(video));
        if (tags != 1) {
            throw new IllegalStateException("the tag is not visible in its own transaction: " + tags);
        }
        if (fail) {
            throw new IllegalStateException("rolled back on purpose");
        }
        return video.getId();
    }
}
