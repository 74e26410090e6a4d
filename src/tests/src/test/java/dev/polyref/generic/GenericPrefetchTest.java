package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.GenericKeys.COMMENT_SUBJECT;
import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.COMMENT;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.InvalidArgumentException;
import dev.polyref.ObjectIdCoercionException;
import dev.polyref.Polyref;
import dev.polyref.PolyrefException;
import dev.polyref.StaleContentTypeException;
import dev.polyref.catalogue.ContentType;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.UsersRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.RoundTrips;
import dev.polyref.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.junit.jupiter.api.Test;

/** The batched resolver: statements per prefetch path, the product's promise. */
@PolyrefTest
class GenericPrefetchTest extends ResolverTestBase {

    GenericPrefetchTest(TestDatabase db) {
        super(db);
    }

    @Test
    void mixedTargetsCostOneStatementPerTypePlusOneForTheColdCatalogue() {
        List<ActivityRecord> feed = feed(data.guido, data.video, data.song, data.post, data.bookmark, data.video,
                data.otherVideo, data.linus, null);
        data.song.delete();   // dangling
        GenericResolver cold = Polyref.configure().models(Models.ALL).load().using(dsl).resolver();
        statements.reset();

        Prefetched targets = cold.prefetch(ACTIVITY_TARGET, feed);
        assertThat(statements.count()).as(statements.statements().toString()).isEqualTo(1 + 5);
        assertThat(statements.statements().subList(1, 6)).allSatisfy(sql -> {
            assertThat(sql).contains("operator(pg_catalog.=) any (cast(? as bigint[]))");
            assertThat(sql.chars().filter(c -> c == '?').count()).as("one array bind: " + sql).isEqualTo(1);
        });

        statements.reset();
        assertThat(feed.get(0).getObjectId()).isEqualTo(data.guido.getId());
        assertThat(targets.find(feed.get(0))).get().isEqualTo(data.guido);
        assertThat(targets.find(feed.get(1), Models.VIDEO)).get().extracting(VideoRecord::getTitle)
                .isEqualTo("cats");
        assertThat(targets.find(feed.get(1), Models.SONG)).as("typed access, other type").isEmpty();
        assertThat(targets.find(feed.get(2))).as("dangling").isEmpty();
        assertThat(targets.find(feed.get(3))).get().isEqualTo(data.post);
        assertThat(targets.find(feed.get(4))).get().isEqualTo(data.bookmark);
        assertThat(targets.find(feed.get(5)).orElseThrow()).as("duplicate ref, one object")
                .isSameAs(targets.find(feed.get(1)).orElseThrow());
        assertThat(targets.find(feed.get(8))).as("null ref").isEmpty();
        assertThat(targets.find(resolver.ref(data.otherVideo))).get().extracting(VideoRecord::getTitle)
                .isEqualTo("dogs");
        assertThat(targets.targets(Models.VIDEO)).hasSize(2);
        assertThat(targets.size()).as("distinct live targets").isEqualTo(6);
        assertThat(statements.count()).as("lookups are free").isZero();

        cold.prefetch(ACTIVITY_TARGET, feed);
        assertThat(statements.count()).as("warm catalogue").isEqualTo(5);
    }

    @Test
    void textAndUuidObjectIdsReachBigintUuidAndTextKeys() {
        List<TaggedItemRecord> tags = new ArrayList<>();
        for (TableRecord<?> target : List.of(data.video, data.document, data.page, data.bookmark, data.document)) {
            TaggedItemRecord tag = dsl.newRecord(TAGGED_ITEM).setTag("t");
            resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, tag, target).store();
            tags.add(tag);
        }
        registry.fetchAll();
        statements.reset();

        Prefetched targets = resolver.prefetch(TAGGED_ITEM_CONTENT_OBJECT, tags);
        assertThat(statements.count()).as(statements.statements().toString()).isEqualTo(4);
        assertThat(tags).extracting(t -> (Object) targets.find(t).orElseThrow())
                .containsExactly(data.video, data.document, data.page, data.bookmark, data.document);

        var comment = resolver.setTarget(COMMENT_SUBJECT, dsl.newRecord(COMMENT).setBody("c"), data.otherDocument);
        comment.store();
        statements.reset();
        assertThat(resolver.prefetch(COMMENT_SUBJECT, List.of(comment)).find(comment)).get()
                .isEqualTo(data.otherDocument);
        assertThat(statements.count()).isEqualTo(1);
    }

    @Test
    void oneUncoercibleIdFailsTheWholePrefetchBeforeAnyTargetQuery() {
        TaggedItemRecord good = resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag("a"),
                data.video);
        TaggedItemRecord bad = dsl.newRecord(TAGGED_ITEM).setTag("b").setContentTypeId(good.getContentTypeId())
                .setObjectId("12abc");
        registry.fetchAll();
        statements.reset();
        assertThatThrownBy(() -> resolver.prefetch(TAGGED_ITEM_CONTENT_OBJECT, List.of(good, bad)))
                .isInstanceOf(ObjectIdCoercionException.class)
                .hasMessageStartingWith("Object id '12abc' in example.tagged_item.object_id cannot be coerced to "
                        + "the bigint primary key example.video.id");
        assertThat(statements.count()).isZero();
    }

    @Test
    void refsWithDifferentSpellingsOfOneKeyAreFetchedOnceAndNullRefsAreIgnored() {
        var videoType = registry.get(VIDEO);
        List<GenericRef<?>> refs = Arrays.asList(new GenericRef<>(videoType, data.video.getId()),
                new GenericRef<>(videoType, String.valueOf(data.video.getId())), null,
                resolver.ref(data.document), new GenericRef<>(videoType, 999_999L));
        statements.reset();
        Prefetched targets = resolver.prefetch(refs);
        assertThat(statements.count()).isEqualTo(2);
        assertThat(statements.statements().get(0)).contains("\"video\"");
        assertThat(targets.find(refs.get(1))).get().isEqualTo(data.video);
        assertThat(targets.find(refs.get(4))).as("dangling").isEmpty();
        assertThat(targets.size()).isEqualTo(2);
        assertThatThrownBy(() -> targets.find(feed(data.video).get(0))).isInstanceOf(PolyrefException.class)
                .hasMessageContaining("prefetched from refs");
    }

    @Test
    void largeInputsAreChunkedPerType() {
        List<GenericRef<?>> refs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            VideoRecord v = dsl.insertInto(VIDEO).set(VIDEO.TITLE, "v" + i).returning().fetchSingle();
            refs.add(resolver.ref(v));
            refs.add(resolver.ref(v));   // duplicates do not count towards a chunk
        }
        refs.add(resolver.ref(data.song));
        statements.reset();
        Prefetched targets = resolver.withChunkSize(2).prefetch(refs);
        assertThat(statements.count()).as("videos: 5 ids in chunks of 2; song: 1").isEqualTo(3 + 1);
        assertThat(targets.targets(Models.VIDEO)).hasSize(5);
        assertThat(refs).allSatisfy(r -> assertThat(targets.find(r)).isPresent());
        assertThatThrownBy(() -> resolver.withChunkSize(0)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void oneRoundTripSendsEveryPerTypeStatementInOneCall() {
        List<ActivityRecord> feed = feed(data.guido, data.video, data.song, data.post, data.bookmark,
                data.otherVideo);
        registry.fetchAll();
        assertThat(RoundTrips.count(() -> resolver.prefetch(ACTIVITY_TARGET, feed))).as("default mode")
                .isEqualTo(5);
        GenericResolver oneTrip = resolver.withOneRoundTrip(true);
        // Reading a multi-statement result, pgjdbc looks up each result column's table once per table and
        // connection (jOOQ asks for it), then caches it: a first use may cost one more trip per table
        assertThat(RoundTrips.count(() -> oneTrip.prefetch(ACTIVITY_TARGET, feed))).as("cold connection")
                .isBetween(1, 1 + 5);
        statements.reset();
        Prefetched[] result = new Prefetched[1];
        assertThat(RoundTrips.count(() -> result[0] = oneTrip.prefetch(ACTIVITY_TARGET, feed)))
                .as("network round trips").isEqualTo(1);
        Prefetched targets = result[0];
        assertThat(statements.count()).as("JDBC calls").isEqualTo(1);
        String sql = statements.statements().get(0);
        assertThat(sql.split("(?i)\\bselect\\b", -1).length - 1).as("statements in the call: " + sql).isEqualTo(5);
        assertThat(feed).allSatisfy(a -> assertThat(targets.find(a)).isPresent());
        assertThat(targets.find(feed.get(1), Models.VIDEO)).get().isInstanceOf(VideoRecord.class)
                .extracting(VideoRecord::getTitle).isEqualTo("cats");

        statements.reset();
        oneTrip.withChunkSize(1).prefetch(ACTIVITY_TARGET, feed);
        assertThat(statements.count()).as("chunks travel together too").isEqualTo(1);

        for (int i = 0; i < 8; i++) {
            assertThat(RoundTrips.count(() -> oneTrip.prefetch(ACTIVITY_TARGET, feed)))
                    .as("still one round trip once pgjdbc prepares the statement on the server, use " + i)
                    .isEqualTo(1);
        }
    }

    @Test
    void perTypeCustomisationChoosesColumnsFiltersAndNestsAParentPrefetch() {
        VideoRecord third = dsl.insertInto(VIDEO).set(VIDEO.TITLE, "cats 2").set(VIDEO.UPLOADER_ID,
                data.guido.getId()).returning().fetchSingle();
        List<ActivityRecord> feed = feed(data.video, data.otherVideo, third, data.song, data.post);
        registry.fetchAll();
        statements.reset();

        Prefetched targets = resolver.prefetch(ACTIVITY_TARGET, feed,
                GenericPrefetch.of(Models.VIDEO).select(VIDEO.TITLE).where(VIDEO.TITLE.like("cats%"))
                        .withParent(VIDEO__VIDEO_UPLOADER_ID_FKEY),
                GenericPrefetch.of(Models.SONG).select(SONG.TITLE));
        assertThat(statements.count()).as("3 types + 1 for all uploaders: " + statements.statements())
                .isEqualTo(3 + 1);

        VideoRecord cats = targets.find(feed.get(0), Models.VIDEO).orElseThrow();
        assertThat(targets.find(feed.get(1))).as("filtered out by the condition").isEmpty();
        UsersRecord uploader = targets.findParent(cats, VIDEO__VIDEO_UPLOADER_ID_FKEY).orElseThrow();
        assertThat(uploader.getUsername()).isEqualTo("guido");
        VideoRecord cats2 = targets.find(feed.get(2), Models.VIDEO).orElseThrow();
        assertThat(targets.findParent(cats2, VIDEO__VIDEO_UPLOADER_ID_FKEY)).get().isSameAs(uploader);
        SongRecord song = targets.find(feed.get(3), Models.SONG).orElseThrow();
        assertThat(song.getTitle()).isEqualTo("Imagine");
        assertThat(song.getArtist()).as("column not selected").isNull();
        assertThat(targets.find(feed.get(4))).get().isEqualTo(data.post);

        assertThatThrownBy(() -> resolver.prefetch(ACTIVITY_TARGET, feed, GenericPrefetch.of(Models.VIDEO),
                GenericPrefetch.of(Models.VIDEO))).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("example.video was given twice");
    }

    @Test
    void nestedPrefetchInOneRoundTripModeAddsOneCall() {
        List<ActivityRecord> feed = feed(data.video, data.otherVideo, data.song);
        registry.fetchAll();
        statements.reset();
        Prefetched targets = resolver.withOneRoundTrip(true).prefetch(ACTIVITY_TARGET, feed,
                GenericPrefetch.of(Models.VIDEO).withParent(VIDEO__VIDEO_UPLOADER_ID_FKEY));
        assertThat(statements.count()).isEqualTo(2);
        VideoRecord dogs = targets.find(feed.get(1), Models.VIDEO).orElseThrow();
        assertThat(targets.findParent(dogs, VIDEO__VIDEO_UPLOADER_ID_FKEY)).get().extracting(UsersRecord::getUsername)
                .isEqualTo("linus");
    }

    @Test
    void aContentTypeWithoutAKnownTableCannotBeLoaded() {
        GenericResolver noModels = Polyref.configure().load().using(dsl).resolver();
        List<ActivityRecord> feed = feed(data.video);
        assertThatThrownBy(() -> noModels.prefetch(ACTIVITY_TARGET, feed))
                .isInstanceOf(StaleContentTypeException.class).hasMessageContaining("example.video");
    }

    @Test
    void rowsOfAJoinWork() {
        feed(data.video, data.song).forEach(ActivityRecord::store);
        List<Record> rows = new ArrayList<>(dsl.select(ACTIVITY.ACTION, ACTIVITY.CONTENT_TYPE_ID, ACTIVITY.OBJECT_ID)
                .from(ACTIVITY).orderBy(ACTIVITY.ID).fetch());
        Prefetched targets = resolver.prefetch(ACTIVITY_TARGET, rows);
        assertThat(rows).extracting(r -> (Object) targets.find(r).orElseThrow()).containsExactly(data.video, data.song);
    }

    /** Activities by guido pointing at the given targets (null: a row without a target), not stored. */
    private List<ActivityRecord> feed(TableRecord<?>... targets) {
        List<ActivityRecord> feed = new ArrayList<>();
        for (TableRecord<?> target : targets) {
            feed.add(resolver.setTarget(ACTIVITY_TARGET,
                    dsl.newRecord(ACTIVITY).setUserId(data.guido.getId()).setAction("did"), target));
        }
        return feed;
    }

    @Test
    void lookingUpAPrefetchedResultNeverRunsSql() {
        List<ActivityRecord> feed = feed(data.video, data.song, data.post);
        ActivityRecord notLoaded = feed(data.bookmark).get(0);
        GenericResolver cold = Polyref.configure().models(Models.ALL).load().using(dsl).resolver();
        Prefetched targets = cold.prefetch(ACTIVITY_TARGET, feed);
        ContentType post = registry.get(Models.POST);
        statements.reset();

        assertThat(targets.find(feed.get(0), Models.VIDEO)).as("typed, by model").contains(data.video);
        assertThat(targets.find(feed.get(0), Models.SONG)).as("typed, other model").isEmpty();
        assertThat(targets.find(feed.get(1))).contains(data.song);
        assertThat(targets.find(new GenericRef<>(post, data.post.getId()))).contains(data.post);
        assertThat(targets.find(new GenericRef<>(post, String.valueOf(data.post.getId()))))
                .as("a hand-made ref with another spelling").contains(data.post);
        assertThat(targets.find(notLoaded)).as("a row of a type that was not loaded").isEmpty();
        assertThat(targets.targets(Models.VIDEO)).containsExactly(data.video);
        assertThat(statements.count()).as("lookups are detached: no statement").isZero();
    }
}
