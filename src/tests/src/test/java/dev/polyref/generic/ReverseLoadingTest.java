package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.InvalidArgumentException;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Reverse loading with a condition (Django's {@code Prefetch('tags', queryset=...)}) and across several parent
 * types in one statement (Django's {@code prefetch_related('content_object', 'content_object__tags')}).
 */
@PolyrefTest
class ReverseLoadingTest extends RelationTestBase {

    ReverseLoadingTest(TestDatabase db) {
        super(db);
    }

    @Test
    void prefetchWithAConditionAndAnOrderIsStillOneStatement() {
        tag("calm", data.otherVideo);
        tag("cute", data.video);
        statements.reset();
        Children<VideoRecord, TaggedItemRecord> c = statements.assertStatements(1, () -> videoTags.prefetch(
                List.of(data.video, data.otherVideo), TAGGED_ITEM.TAG.like("c%"), TAGGED_ITEM.TAG.desc()));
        assertThat(c.get(data.video)).extracting(TaggedItemRecord::getTag).containsExactly("cute", "cats");
        assertThat(c.get(data.otherVideo)).extracting(TaggedItemRecord::getTag).containsExactly("calm");
        assertThat(videoTags.prefetch(List.of(data.video), TAGGED_ITEM.TAG.eq("none")).get(data.video)).isEmpty();
        // Django's test_custom_queryset: then reading the prefetched children costs nothing
        statements.reset();
        c.get(data.video);
        assertThat(statements.count()).isZero();
    }

    /**
     * Django's GenericRelationsTests.test_prefetch_related_different_content_types: tags on an Animal, a Vegetable
     * and an Animal, then prefetch_related("content_object", "content_object__tags") is 4 queries. Here: the tags,
     * their targets (one statement per type: videos, songs), and the targets' own tags across both types in one.
     */
    @Test
    void tagsOfTargetsOfSeveralTypesTakeFourStatementsAsInDjango() {
        dsl.deleteFrom(TAGGED_ITEM).execute();
        tag("on video", data.video);
        tag("on song", data.song);           // song 1 has the same id as video 1
        tag("on other video", data.otherVideo);
        statements.reset();

        Result<TaggedItemRecord> tags = dsl.selectFrom(TAGGED_ITEM).orderBy(TAGGED_ITEM.ID).fetch();
        Prefetched targets = resolver.prefetch(TAGGED_ITEM_CONTENT_OBJECT, tags);
        List<TableRecord<?>> parents = new ArrayList<>(targets.targets(Models.VIDEO));
        parents.addAll(targets.targets(Models.SONG));
        ChildrenOfAny<TaggedItemRecord> theirTags = RelatedObjects.prefetchAll(parents, List.of(videoTags, songTags));

        assertThat(statements.statements()).as("Django: 4").hasSize(4);
        assertThat(statements.statements().get(3)).contains(" or ");
        statements.reset();
        for (TaggedItemRecord t : tags) {
            TableRecord<?> target = targets.find(t).orElseThrow();
            assertThat(theirTags.get(target)).extracting(TaggedItemRecord::getTag).containsExactly(t.getTag());
        }
        assertThat(statements.count()).isZero();
        assertThat(theirTags.size()).isEqualTo(3);
    }

    @Test
    void beforeThereWasOneStatementPerParentTypeSoFive() {
        dsl.deleteFrom(TAGGED_ITEM).execute();
        tag("on video", data.video);
        tag("on song", data.song);
        statements.reset();
        Result<TaggedItemRecord> tags = dsl.selectFrom(TAGGED_ITEM).fetch();
        Prefetched targets = resolver.prefetch(TAGGED_ITEM_CONTENT_OBJECT, tags);
        videoTags.prefetch(targets.targets(Models.VIDEO));
        songTags.prefetch(targets.targets(Models.SONG));
        assertThat(statements.count()).isEqualTo(5);
    }

    @Test
    void prefetchAllTakesAConditionAndOrderAndRefusesMismatchedRelations() {
        tag("cute", data.song);
        statements.reset();
        ChildrenOfAny<TaggedItemRecord> c = statements.assertStatements(1, () -> RelatedObjects.prefetchAll(
                List.of(data.video, data.song, data.otherVideo), List.of(videoTags, songTags),
                TAGGED_ITEM.TAG.like("c%"), List.of(TAGGED_ITEM.TAG.desc())));
        assertThat(c.get(data.video)).extracting(TaggedItemRecord::getTag).containsExactly("cats");
        assertThat(c.get(data.song)).extracting(TaggedItemRecord::getTag).containsExactly("cute", "classic");
        assertThat(c.get(data.otherVideo)).isEmpty();
        assertThatThrownBy(() -> c.get(data.otherSong)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("was not among the parents loaded");

        RelatedObjects<VideoRecord, ActivityRecord> videoActivities =
                polyref.relation(GenericRelations.VIDEO__ACTIVITY_TARGET);
        statements.reset();
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<RelatedObjects<?, TaggedItemRecord>> mixed = (List) List.of(videoTags, videoActivities);
        assertThatThrownBy(() -> RelatedObjects.prefetchAll(List.of(data.video), mixed))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("through one generic key");
        assertThatThrownBy(() -> RelatedObjects.prefetchAll(List.of(data.post), List.of(videoTags, songTags)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("No relation given for a parent "
                        + "of example.post");
        assertThat(statements.count()).isZero();
        assertThat(RelatedObjects.prefetchAll(List.<SongRecord>of(), List.of(songTags)).size()).isZero();
        assertThat(statements.count()).isZero();
        assertThat(DSL.noCondition()).isNotNull();
    }
}
