package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.GenericKeys.COMMENT_SUBJECT;
import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.PAGE;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.or;

import dev.polyref.ObjectIdCoercionException;
import dev.polyref.TypeNotAllowedException;
import dev.polyref.example.db.Models;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.jooq.Condition;
import org.jooq.TableRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conditions on generic keys inside ordinary jOOQ queries. */
@PolyrefTest
class GenericConditionsTest extends ResolverTestBase {

    private GenericConditions on;

    GenericConditionsTest(TestDatabase db) {
        super(db);
    }

    @BeforeEach
    void setUp() {
        on = resolver.conditions();
        act("uploaded", data.video);
        act("uploaded", data.otherVideo);
        act("played", data.song);
        act("wrote", data.post);
        act("followed", data.linus);
        tag("python", data.video);
        tag("design", data.document);
        tag("about", data.page);
        dsl.insertInto(TAGGED_ITEM, TAGGED_ITEM.TAG, TAGGED_ITEM.CONTENT_TYPE_ID, TAGGED_ITEM.OBJECT_ID)
                .values("garbage", registry.get(VIDEO).id(), "not-a-number")
                .values("garbage-uuid", registry.get(DOCUMENT).id(), "NOT-A-UUID")
                .values("huge", registry.get(VIDEO).id(), "99999999999999999999").execute();
        registry.fetchAll();
        statements.reset();
    }

    @Test
    void pointsAtOneRecordOrRef() {
        assertThat(actions(on.pointsAt(ACTIVITY_TARGET, data.video))).containsExactly("uploaded");
        assertThat(actions(on.pointsAt(ACTIVITY_TARGET, resolver.ref(data.song)))).containsExactly("played");
        assertThat(tags(on.pointsAt(TAGGED_ITEM_CONTENT_OBJECT, data.document))).containsExactly("design");
        assertThat(tags(on.pointsAt(TAGGED_ITEM_CONTENT_OBJECT, resolver.ref(data.video)))).containsExactly("python");
        assertThat(statements.count()).as("catalogue warm: only the four queries").isEqualTo(4);
    }

    @Test
    void pointsAtAnyGroupsByTypeWithOneArrayPerType() {
        Condition anyOf = on.pointsAtAny(ACTIVITY_TARGET, List.of(data.video, data.otherVideo, data.song));
        assertThat(actions(anyOf)).containsExactlyInAnyOrder("uploaded", "uploaded", "played");
        String sql = statements.statements().get(0);
        assertThat(sql.chars().filter(c -> c == '?').count()).as(sql).isEqualTo(4);   // 2 types x (ct, array)
        assertThat(actions(on.pointsAtAny(ACTIVITY_TARGET, List.of()))).isEmpty();
    }

    @Test
    void pointsAtType() {
        assertThat(actions(on.pointsAtType(ACTIVITY_TARGET, Models.VIDEO))).hasSize(2);
        assertThat(tags(on.pointsAtType(TAGGED_ITEM_CONTENT_OBJECT, Models.PAGE))).containsExactly("about");
    }

    @Test
    void targetMatchesIsAnExistsPerTypeAndNeverCastsABadObjectId() {
        Condition catVideos = on.targetMatches(ACTIVITY_TARGET, Models.VIDEO, VIDEO.TITLE.eq("cats"));
        assertThat(actions(catVideos)).containsExactly("uploaded");
        assertThat(statements.statements().get(0)).contains("exists");

        Condition videosOrImagine = or(catVideos,
                on.targetMatches(ACTIVITY_TARGET, Models.SONG, SONG.ARTIST.eq("Lennon")));
        assertThat(actions(videosOrImagine)).containsExactlyInAnyOrder("uploaded", "played");

        // A text object id: 'not-a-number', 'NOT-A-UUID' and an out-of-range number are skipped, not cast
        assertThat(tags(on.targetMatches(TAGGED_ITEM_CONTENT_OBJECT, Models.VIDEO,
                VIDEO.TITLE.isNotNull()))).containsExactly("python");
        assertThat(tags(on.targetMatches(TAGGED_ITEM_CONTENT_OBJECT, Models.DOCUMENT,
                DOCUMENT.TITLE.eq("Design")))).containsExactly("design");
        assertThat(tags(on.targetMatches(TAGGED_ITEM_CONTENT_OBJECT, Models.PAGE, PAGE.SLUG.eq("about"))))
                .containsExactly("about");
    }

    @Test
    void wrongTypesAndKeysAreRefused() {
        assertThatThrownBy(() -> on.pointsAt(COMMENT_SUBJECT, data.video))
                .isInstanceOf(TypeNotAllowedException.class);
        assertThatThrownBy(() -> on.pointsAtType(COMMENT_SUBJECT, Models.SONG))
                .isInstanceOf(TypeNotAllowedException.class);
        var badRef = new GenericRef<>(resolver.ref(data.video).contentType(), "x1");
        assertThatThrownBy(() -> on.pointsAt(ACTIVITY_TARGET, badRef))
                .isInstanceOf(ObjectIdCoercionException.class).hasMessageContaining("example.activity.object_id");
    }

    private List<String> actions(Condition condition) {
        return dsl.select(ACTIVITY.ACTION).from(ACTIVITY).where(condition).orderBy(ACTIVITY.ID).fetch(ACTIVITY.ACTION);
    }

    private List<String> tags(Condition condition) {
        return dsl.select(TAGGED_ITEM.TAG).from(TAGGED_ITEM).where(condition).orderBy(TAGGED_ITEM.ID)
                .fetch(TAGGED_ITEM.TAG);
    }

    private void act(String action, TableRecord<?> target) {
        resolver.setTarget(ACTIVITY_TARGET, dsl.newRecord(ACTIVITY).setUserId(data.guido.getId()).setAction(action), target)
                .store();
    }

    private void tag(String tag, TableRecord<?> target) {
        resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag(tag), target).store();
    }
}
