package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.BOOKMARK;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.catalogue.ContentType;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.BookmarkRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.junit.jupiter.api.Test;

/** The seed documents' examples (reference 000: the activity stream; 002: tags on bookmarks) in Java. */
@PolyrefTest
class SeedExamplesTest extends ResolverTestBase {

    SeedExamplesTest(TestDatabase db) {
        super(db);
    }

    @Test
    void activityStream() {
        // activity = ActivityStream(user=user, action="accion", item=modelo); activity.save()
        for (TableRecord<?> item : List.of(data.video, data.song, data.post, data.linus)) {
            ActivityRecord activity = dsl.newRecord(ACTIVITY).setUserId(data.guido.getId()).setAction("accion");
            resolver.setTarget(ACTIVITY_TARGET, activity, item).store();
        }
        // activity.object_id == 1; activity.content_type == <ContentType: video>
        ActivityRecord first = dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).limit(1).fetchSingle();
        assertThat(first.getObjectId()).isEqualTo(data.video.getId());
        ContentType type = registry.get(first.getContentTypeId());
        assertThat(type.naturalKey().toString()).isEqualTo("example.video");

        // The feed: every item with one statement per type, not one per activity
        Result<ActivityRecord> feed = dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).fetch();
        statements.reset();
        Prefetched items = resolver.prefetch(ACTIVITY_TARGET, feed);
        assertThat(statements.count()).isEqualTo(4);
        assertThat(feed).extracting(a -> (Object) items.find(a).orElseThrow())
                .containsExactly(data.video, data.song, data.post, data.linus);
    }

    @Test
    void tagsOnBookmarks() {
        // TaggedItem(content_object=bookmark, tag="django"), ...
        tag(data.bookmark, "django");
        tag(data.bookmark, "python");
        tag(data.otherBookmark, "jooq");
        tag(data.video, "cats");

        // TaggedItem.objects.filter(bookmark__url__contains='django') -> [django, python]
        GenericConditions on = resolver.conditions();
        assertThat(dsl.select(TAGGED_ITEM.TAG).from(TAGGED_ITEM)
                .where(on.targetMatches(TAGGED_ITEM_CONTENT_OBJECT, Models.BOOKMARK,
                        BOOKMARK.URL.contains("django")))
                .orderBy(TAGGED_ITEM.ID).fetch(TAGGED_ITEM.TAG)).containsExactly("django", "python");

        // TaggedItem.objects.filter(content_type__pk=bookmark_type.id, object_id__in=bookmarks)
        List<BookmarkRecord> bookmarks = dsl.selectFrom(BOOKMARK).where(BOOKMARK.URL.contains("django")).fetch();
        assertThat(dsl.selectFrom(TAGGED_ITEM).where(on.pointsAtAny(TAGGED_ITEM_CONTENT_OBJECT, bookmarks))
                .fetch(TAGGED_ITEM.TAG)).containsExactlyInAnyOrder("django", "python");

        // t.content_object; after guido.delete(): t.content_object is None
        TaggedItemRecord jooq = dsl.selectFrom(TAGGED_ITEM).where(TAGGED_ITEM.TAG.eq("jooq")).fetchSingle();
        assertThat(resolver.fetchOptional(TAGGED_ITEM_CONTENT_OBJECT, jooq)).get().isEqualTo(data.otherBookmark);
        data.otherBookmark.delete();
        assertThat(resolver.fetchOptional(TAGGED_ITEM_CONTENT_OBJECT, jooq)).isEmpty();
        assertThat(jooq.getObjectId()).as("the columns keep their values").isNotNull();
    }

    private void tag(TableRecord<?> target, String tag) {
        resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag(tag), target).store();
    }
}
