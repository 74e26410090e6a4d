package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;

import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.TestDatabase;
import org.jooq.TableRecord;
import org.junit.jupiter.api.BeforeEach;

/**
 * Relation tests start from {@link ExampleData} (video 1 and song 1 share an id) plus tags: video 1 has
 * "cats" and "funny", song 1 has "classic", video 2 has none, and three rows under the video type whose text
 * object ids are no canonical video key ('abc', '01', an out-of-range number). Registry warm, counter at zero.
 */
abstract class RelationTestBase extends ResolverTestBase {

    protected RelatedObjects<VideoRecord, TaggedItemRecord> videoTags;
    protected RelatedObjects<SongRecord, TaggedItemRecord> songTags;
    protected TaggedItemRecord cats;
    protected TaggedItemRecord funny;
    protected TaggedItemRecord classic;

    RelationTestBase(TestDatabase db) {
        super(db);
    }

    @BeforeEach
    void tagThem() {
        cats = tag("cats", data.video);
        funny = tag("funny", data.video);
        classic = tag("classic", data.song);
        dsl.insertInto(TAGGED_ITEM, TAGGED_ITEM.TAG, TAGGED_ITEM.CONTENT_TYPE_ID, TAGGED_ITEM.OBJECT_ID)
                .values("garbage", registry.get(VIDEO).id(), "abc")
                .values("leading-zero", registry.get(VIDEO).id(), "01")
                .values("huge", registry.get(VIDEO).id(), "99999999999999999999").execute();
        videoTags = polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
        songTags = polyref.relation(GenericRelations.SONG__TAGGED_ITEM_CONTENT_OBJECT);
        registry.fetchAll();
        statements.reset();
    }

    protected TaggedItemRecord tag(String tag, TableRecord<?> target) {
        TaggedItemRecord row = resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag(tag), target);
        row.store();
        return row;
    }
}
