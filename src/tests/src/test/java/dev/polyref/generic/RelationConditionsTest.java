package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.GenericKeys.COMMENT_SUBJECT;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.not;

import dev.polyref.ObjectIdCoercionException;
import dev.polyref.TypeNotAllowedException;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.junit.jupiter.api.Test;

/**
 * Filtering children by their parent's columns and parents by their children's, and text object ids that are
 * not a parent key's canonical text (Django #16055): they match nothing and never raise a cast error.
 */
@PolyrefTest
class RelationConditionsTest extends RelationTestBase {

    RelationConditionsTest(TestDatabase db) {
        super(db);
    }

    @Test
    void childrenFilteredByTheirParentsColumnsKeepTheTypeRestriction() {
        assertThat(tags(videoTags.parentMatches(VIDEO.TITLE.eq("cats")))).containsExactly("cats", "funny");
        assertThat(tags(songTags.parentMatches(SONG.ARTIST.eq("Lennon")))).containsExactly("classic");
        assertThat(tags(videoTags.parentMatches(VIDEO.TITLE.eq("dogs")))).isEmpty();
        assertThat(statements.count()).isEqualTo(3);
    }

    @Test
    void parentsFilteredByTheirChildrenKeepTheTypeRestriction() {
        assertThat(videos(videoTags.hasChildren(TAGGED_ITEM.TAG.eq("funny")))).containsExactly(data.video.getId());
        assertThat(videos(not(videoTags.hasChildren(noCondition())))).containsExactly(data.otherVideo.getId());
        // song 1 has the same id as video 1, which is tagged "funny"; song 1 is not
        assertThat(dsl.selectFrom(SONG).where(songTags.hasChildren(TAGGED_ITEM.TAG.eq("funny"))).fetch()).isEmpty();
    }

    @Test
    void textObjectIdsThatAreNoCanonicalKeyMatchNothingAndAreNeverCast() {
        // 'abc', '01' and '99999999999999999999' sit under the video type: every path runs, none matches
        assertThat(videoTags.fetch(data.video)).hasSize(2);
        assertThat(dsl.select(VIDEO.ID, videoTags.count()).from(VIDEO).fetchMap(VIDEO.ID, videoTags.count()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1L, 2, 2L, 0));
        assertThat(dsl.selectCount().from(VIDEO).join(TAGGED_ITEM).on(videoTags.joinCondition()).fetchOne(0, int.class))
                .isEqualTo(2);
        assertThat(tags(videoTags.parentMatches(noCondition()))).containsExactly("cats", "funny");
        assertThat(videos(not(videoTags.hasChildren(noCondition())))).containsExactly(data.otherVideo.getId());
        // fetch, count and join compare with the key's text; the EXISTS conditions cast only canonical text
        assertThat(statements.statements().subList(0, 3)).allSatisfy(sql -> assertThat(sql)
                .doesNotContain("cast(\"example\".\"tagged_item\".\"object_id\""));
        assertThat(statements.statements().get(1)).contains("cast(\"example\".\"video\".\"id\" as text)");
        assertThat(statements.statements().subList(3, 5)).allSatisfy(sql -> assertThat(sql)
                .contains("\"example\".\"tagged_item\".\"object_id\" operator(pg_catalog.=) "
                        + "cast(\"example\".\"video\".\"id\" as text)")
                .containsPattern(
                        "case when \\(?\"example\".\"tagged_item\".\"object_id\" operator\\(pg_catalog.~\\) "));

        // the same for uuid parents: 'NOT-A-UUID' and an upper-case spelling under the document type
        String upper = data.document.getId().toString().toUpperCase();
        tag("design", data.document);
        dsl.insertInto(TAGGED_ITEM, TAGGED_ITEM.TAG, TAGGED_ITEM.CONTENT_TYPE_ID, TAGGED_ITEM.OBJECT_ID)
                .values("garbage", registry.get(DOCUMENT).id(), "NOT-A-UUID")
                .values("upper", registry.get(DOCUMENT).id(), upper).execute();
        var documentTags = polyref.relation(GenericRelations.DOCUMENT__TAGGED_ITEM_CONTENT_OBJECT);
        assertThat(dsl.select(DOCUMENT.TITLE, documentTags.count()).from(DOCUMENT)
                .fetchMap(DOCUMENT.TITLE, documentTags.count()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("Design", 1, "Style", 0));
        assertThat(tags(documentTags.parentMatches(DOCUMENT.TITLE.eq("Design")))).containsExactly("design");
    }

    @Test
    void aRelationIsOnlyBuiltForATableItsKeyCanPointAt() {
        assertThatThrownBy(() -> GenericRelation.of(Models.SONG, COMMENT_SUBJECT))
                .isInstanceOf(TypeNotAllowedException.class).hasMessageContaining("example.song");
        var anyTarget = GenericKey.of("target", ACTIVITY, ACTIVITY.CONTENT_TYPE_ID, ACTIVITY.OBJECT_ID,
                dev.polyref.integrity.OnDelete.CASCADE, false);
        assertThatThrownBy(() -> GenericRelation.of(Models.DOCUMENT, anyTarget))
                .isInstanceOf(ObjectIdCoercionException.class)
                .hasMessageContaining("bigint object-id column cannot hold the uuid primary key example.document.id");
        assertThat(GenericRelation.of(Models.SONG, ACTIVITY_TARGET))
                .isEqualTo(GenericRelations.SONG__ACTIVITY_TARGET);
    }

    private List<String> tags(Condition condition) {
        return dsl.select(TAGGED_ITEM.TAG).from(TAGGED_ITEM).where(condition).orderBy(TAGGED_ITEM.ID)
                .fetch(TAGGED_ITEM.TAG);
    }

    private List<Long> videos(Condition condition) {
        return dsl.select(VIDEO.ID).from(VIDEO).where(condition).orderBy(VIDEO.ID).fetch(VIDEO.ID);
    }
}
