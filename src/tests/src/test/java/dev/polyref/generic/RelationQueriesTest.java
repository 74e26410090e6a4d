package dev.polyref.generic;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.COMMENT;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.jooq.impl.DSL.count;

import dev.polyref.InvalidArgumentException;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.TaggedItem;
import dev.polyref.example.db.tables.Video;
import dev.polyref.example.db.tables.records.CommentRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.jooq.Record2;
import org.jooq.Result;
import org.junit.jupiter.api.Test;

/** Children of one and of many parents, joins, COUNT and MULTISET: one statement each. */
@PolyrefTest
class RelationQueriesTest extends RelationTestBase {

    RelationQueriesTest(TestDatabase db) {
        super(db);
    }

    @Test
    void childrenOfOneParentInOneStatementAndNeverThoseOfARowOfAnotherTableWithTheSameId() {
        assertThat(data.video.getId()).isEqualTo(data.song.getId());
        assertThat(videoTags.fetch(data.video)).extracting(TaggedItemRecord::getTag).containsExactly("cats", "funny");
        assertThat(statements.count()).isEqualTo(1);
        assertThat(songTags.fetch(data.song)).extracting(TaggedItemRecord::getTag).containsExactly("classic");
        assertThat(videoTags.fetch(data.otherVideo)).isEmpty();
        assertThat(statements.count()).isEqualTo(3);
    }

    @Test
    void childrenOfManyParentsInOneStatementWithOneArrayBindGroupedByParent() {
        Children<VideoRecord, TaggedItemRecord> children =
                videoTags.prefetch(List.of(data.video, data.otherVideo, data.video));
        assertThat(statements.count()).isEqualTo(1);
        String sql = statements.statements().get(0);
        assertThat(sql).contains("operator(pg_catalog.=) any (cast(? as text[]))");
        assertThat(sql.chars().filter(c -> c == '?').count()).as(sql).isEqualTo(1);
        assertThat(videoTags.prefetch(List.of(data.video, data.otherVideo)).get(data.video))
                .extracting(TaggedItemRecord::getTag).containsExactly("cats", "funny");
        assertThat(children.get(data.otherVideo)).isEmpty();
        assertThat(children.size()).isEqualTo(2);
        statements.reset();
        assertThat(videoTags.prefetch(List.of()).size()).isZero();
        assertThat(statements.count()).as("no parents, no statement").isZero();
    }

    @Test
    void getOfAParentThatWasNotLoadedThrowsInsteadOfAnsweringEmpty() {
        Children<VideoRecord, TaggedItemRecord> children = videoTags.prefetch(List.of(data.otherVideo));
        statements.reset();

        assertThat(children.get(data.otherVideo)).as("loaded, no children").isEmpty();
        assertThatThrownBy(() -> children.get(data.video)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("example.video").hasMessageContaining("was not among the parents loaded");
        assertThat(statements.count()).isZero();
    }

    @Test
    void leftJoinKeepsAParentWithoutChildrenAndTheTypeRestrictionSitsInTheOnClause() {
        var rows = dsl.select(VIDEO.ID, TAGGED_ITEM.TAG).from(VIDEO)
                .leftJoin(TAGGED_ITEM).on(videoTags.joinCondition())
                .orderBy(VIDEO.ID, TAGGED_ITEM.ID).fetch();
        assertThat(rows).extracting(Record2::value1, Record2::value2).containsExactly(
                tuple(1L, "cats"), tuple(1L, "funny"),
                tuple(2L, null));
        assertThat(statements.count()).isEqualTo(1);
        String on = statements.statements().get(0);
        assertThat(on).as("type id inlined inside ON")
                .containsPattern("left outer join .* on \\(\\s*\"example\".\"tagged_item\".\"content_type_id\" = \\d+");
    }

    @Test
    void countIsZeroForAParentWithoutChildrenAndWorksInSelectOrderByAndGroupBy() {
        Map<Long, Integer> perVideo = dsl.select(VIDEO.ID, videoTags.count()).from(VIDEO).fetchMap(VIDEO.ID,
                videoTags.count());
        assertThat(perVideo).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 2, 2L, 0));
        List<Long> songsByTagCount = dsl.select(SONG.ID).from(SONG).orderBy(songTags.count()).fetch(SONG.ID);
        assertThat(songsByTagCount).containsExactly(data.otherSong.getId(), data.song.getId());
        // GROUP BY the count itself: the type id is inlined, so both renderings are the same expression
        Map<Integer, Integer> histogram = dsl.select(videoTags.count(), count()).from(VIDEO)
                .groupBy(videoTags.count()).fetchMap(videoTags.count(), count());
        assertThat(histogram).containsExactlyInAnyOrderEntriesOf(Map.of(2, 1, 0, 1));
        assertThat(statements.count()).isEqualTo(3);
    }

    @Test
    void djangosJoinAndGroupByCountGivesZeroToo() {
        Map<Long, Integer> perVideo = dsl.select(VIDEO.ID, count(TAGGED_ITEM.ID)).from(VIDEO)
                .leftJoin(TAGGED_ITEM).on(videoTags.joinCondition()).groupBy(VIDEO.ID)
                .fetchMap(VIDEO.ID, count(TAGGED_ITEM.ID));
        assertThat(perVideo).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 2, 2L, 0));
    }

    @Test
    void multisetNestsEachParentsChildrenInOneStatementAndIsEmptyForAParentWithoutChildren() {
        List<Result<TaggedItemRecord>> nested = dsl.select(VIDEO.ID, videoTags.multiset().as("tags")).from(VIDEO)
                .orderBy(VIDEO.ID).fetch(Record2::value2);
        assertThat(statements.count()).isEqualTo(1);
        assertThat(nested.get(0)).extracting(TaggedItemRecord::getTag).containsExactly("cats", "funny");
        assertThat(nested.get(0).get(0)).isInstanceOf(TaggedItemRecord.class);
        assertThat(nested.get(1)).isEmpty();
    }

    @Test
    void uuidAndBigintObjectIdsCompareAsTheyAre() {
        var comments = polyref.relation(GenericRelations.DOCUMENT__COMMENT_SUBJECT);
        comments.create(data.document, c -> c.setBody("first"));
        comments.create(data.document, c -> c.setBody("second"));
        var activities = polyref.relation(GenericRelations.VIDEO__ACTIVITY_TARGET);
        activities.create(data.video, a -> a.setUserId(data.guido.getId()).setAction("uploaded"));
        polyref.relation(GenericRelations.SONG__ACTIVITY_TARGET)
                .create(data.song, a -> a.setUserId(data.guido.getId()).setAction("played"));
        statements.reset();

        List<Result<CommentRecord>> nested = dsl.select(comments.multiset()).from(DOCUMENT)
                .orderBy(DOCUMENT.TITLE).fetch(r -> r.value1());
        assertThat(nested.get(0)).extracting(CommentRecord::getBody).containsExactly("first", "second");
        assertThat(nested.get(1)).isEmpty();
        assertThat(dsl.select(VIDEO.ID, activities.count()).from(VIDEO).fetchMap(VIDEO.ID, activities.count()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1L, 1, 2L, 0));
        assertThat(statements.statements()).noneMatch(sql -> sql.contains("cast(\"example\".\"activity\"")
                || sql.contains("cast(\"example\".\"comment\""));
        assertThat(dsl.selectCount().from(COMMENT).fetchOne(0, int.class)).isEqualTo(2);
        assertThat(dsl.selectCount().from(ACTIVITY).fetchOne(0, int.class)).isEqualTo(2);
    }

    @Test
    void aliasesAndARelationFromATableToItself() {
        Video v = VIDEO.as("v");
        TaggedItem t = TAGGED_ITEM.as("t");
        assertThat(dsl.select(v.ID, t.TAG).from(v).join(t).on(videoTags.joinCondition(v, t)).orderBy(t.ID)
                .fetch(t.TAG)).containsExactly("cats", "funny");
        assertThat(dsl.select(v.ID, videoTags.count(v)).from(v).fetchMap(v.ID, videoTags.count(v)))
                .containsEntry(1L, 2).containsEntry(2L, 0);

        // tagged_item may tag any table, itself included: the subquery's child table has an alias of its own
        var tagsOfTags = polyref.relation(GenericRelations.TAGGED_ITEM__TAGGED_ITEM_CONTENT_OBJECT);
        tag("meta", cats);
        assertThat(dsl.select(TAGGED_ITEM.TAG, tagsOfTags.count()).from(TAGGED_ITEM)
                .where(TAGGED_ITEM.TAG.in("cats", "funny", "meta"))
                .fetchMap(TAGGED_ITEM.TAG, tagsOfTags.count()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("cats", 1, "funny", 0, "meta", 0));
        assertThat(GenericRelations.TAGGED_ITEM__TAGGED_ITEM_CONTENT_OBJECT.key())
                .isSameAs(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT);
    }
}
