package dev.polyref.citus;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.GenericKeys.COMMENT_SUBJECT;
import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.BOOKMARK;
import static dev.polyref.example.db.Tables.COMMENT;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.PAGE;
import static dev.polyref.example.db.Tables.POST;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.BookmarkRecord;
import dev.polyref.example.db.tables.records.CommentRecord;
import dev.polyref.example.db.tables.records.DocumentRecord;
import dev.polyref.example.db.tables.records.PageRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.UsersRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.generic.Children;
import dev.polyref.generic.GenericConditions;
import dev.polyref.generic.GenericResolver;
import dev.polyref.generic.Prefetched;
import dev.polyref.generic.RelatedObjects;
import dev.polyref.testing.StatementCounter;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What must hold on one PostgreSQL server and on a Citus cluster alike, over the same schema
 * ({@code migrations/example-citus}: distributed on the cluster, plain on one server) and the same generated
 * classes: the resolver, the conditions and the reverse relations give the same results with the same number of
 * statements. {@link SingleServerScaleOutTest} runs these bodies on the embedded server, {@link CitusScaleOutTest}
 * on the coordinator of a Citus cluster; the expected counts are written once, here.
 */
abstract class ScaleOutContract {

    protected DSLContext dsl;
    protected StatementCounter statements;
    protected PolyrefContext polyref;
    protected ContentTypeRegistry registry;
    protected GenericResolver resolver;

    protected UsersRecord guido;
    protected UsersRecord linus;
    protected VideoRecord video;
    protected VideoRecord otherVideo;
    protected SongRecord song;
    protected PostRecord post;
    protected BookmarkRecord bookmark;
    protected DocumentRecord document;
    protected DocumentRecord otherDocument;
    protected PageRecord page;

    /** @return the database's DSLContext and its statement counter (or skips the test, saying why) */
    protected abstract Connected connect();

    /** A DSLContext and the counter of its statements. */
    protected record Connected(DSLContext dsl, StatementCounter counter) {
    }

    /**
     * Fresh rows: two users, targets of every kind (bigint, uuid, text keys; distributed and reference tables on
     * the cluster), a feed of six activities over five types, tags over four types, two comments.
     */
    @BeforeEach
    void freshData() {
        Connected c = connect();
        dsl = c.dsl();
        statements = c.counter();
        dsl.execute("truncate example.activity, example.tagged_item, example.comment, example.video, example.song, "
                + "example.post, example.bookmark, example.users, example.document, example.page, "
                + "example.playlist_entry");
        guido = dsl.insertInto(USERS).set(USERS.ID, 1L).set(USERS.USERNAME, "guido").returning().fetchSingle();
        linus = dsl.insertInto(USERS).set(USERS.ID, 2L).set(USERS.USERNAME, "linus").returning().fetchSingle();
        video = dsl.insertInto(VIDEO).set(VIDEO.ID, 1L).set(VIDEO.TITLE, "cats").set(VIDEO.UPLOADER_ID, 1L)
                .returning().fetchSingle();
        otherVideo = dsl.insertInto(VIDEO).set(VIDEO.ID, 2L).set(VIDEO.TITLE, "dogs").returning().fetchSingle();
        song = dsl.insertInto(SONG).set(SONG.ID, 1L).set(SONG.TITLE, "Imagine").set(SONG.ARTIST, "Lennon")
                .returning().fetchSingle();
        post = dsl.insertInto(POST).set(POST.ID, 7L).set(POST.TITLE, "Hello").returning().fetchSingle();
        bookmark = dsl.insertInto(BOOKMARK).set(BOOKMARK.ID, 3L).set(BOOKMARK.URL, "https://www.jooq.org/")
                .returning().fetchSingle();
        document = dsl.insertInto(DOCUMENT).set(DOCUMENT.TITLE, "Design").returning().fetchSingle();
        otherDocument = dsl.insertInto(DOCUMENT).set(DOCUMENT.TITLE, "Style").returning().fetchSingle();
        page = dsl.insertInto(PAGE).set(PAGE.SLUG, "about").set(PAGE.TITLE, "About").returning().fetchSingle();

        polyref = Polyref.configure().models(Models.ALL).load().using(dsl);
        registry = polyref.contentTypes();
        resolver = polyref.resolver();
        act(guido, "uploaded", video);
        act(guido, "uploaded", otherVideo);
        act(linus, "played", song);
        act(guido, "wrote", post);
        act(linus, "followed", guido);
        act(linus, "saved", bookmark);
        tag("cats", video);
        tag("funny", video);
        tag("classic", song);
        tag("design", document);
        tag("about", page);
        dsl.insertInto(TAGGED_ITEM, TAGGED_ITEM.TAG, TAGGED_ITEM.CONTENT_TYPE_ID, TAGGED_ITEM.OBJECT_ID)
                .values("garbage", registry.get(VIDEO).id(), "abc").execute();
        var comments = polyref.relation(GenericRelations.DOCUMENT__COMMENT_SUBJECT);
        comments.create(document, c2 -> c2.setBody("first"));
        comments.create(document, c2 -> c2.setBody("second"));
        registry.fetchAll();
        statements.reset();
    }

    // THE RESOLVER ----------------------------------------------------------------------------------------------

    @Test
    void prefetchLoadsAFeedsTargetsWithOneStatementPerContentType() {
        List<ActivityRecord> feed = dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.USER_ID, ACTIVITY.ID).fetch();
        Prefetched targets = resolver.prefetch(ACTIVITY_TARGET, feed);

        assertThat(feed).extracting(a -> targets.find(a).map(ScaleOutContract::describe).orElse("?"))
                .containsExactly("video cats", "video dogs", "post Hello", "song Imagine", "users guido",
                        "bookmark https://www.jooq.org/");
        assertThat(statements.count()).as("the feed, then one = ANY query per type: video, post, song, users, "
                + "bookmark").isEqualTo(6);
        assertThat(statements.statements().subList(1, 6)).allMatch(sql -> sql.contains("any ("), "= ANY");
    }

    @Test
    void prefetchOverTextAndUuidObjectIds() {
        List<TaggedItemRecord> tags = dsl.selectFrom(TAGGED_ITEM).where(TAGGED_ITEM.TAG.ne("garbage"))
                .orderBy(TAGGED_ITEM.TAG).fetch();
        Prefetched targets = resolver.prefetch(TAGGED_ITEM_CONTENT_OBJECT, tags);
        assertThat(tags).extracting(t -> t.getTag() + "=" + targets.find(t).map(ScaleOutContract::describe)
                .orElse("none")).containsExactly("about=page About", "cats=video cats", "classic=song Imagine",
                "design=document Design", "funny=video cats");
        List<CommentRecord> comments = dsl.selectFrom(COMMENT).orderBy(COMMENT.BODY).fetch();
        assertThat(resolver.prefetch(COMMENT_SUBJECT, comments).find(comments.get(0)).map(ScaleOutContract::describe))
                .contains("document Design");
        assertThat(statements.count()).as("tags, 4 types; comments, 1 type").isEqualTo(1 + 4 + 1 + 1);
    }

    @Test
    void fetchOptionalOfOneRowIsOneStatement() {
        ActivityRecord played = dsl.selectFrom(ACTIVITY).where(ACTIVITY.ACTION.eq("played")).fetchSingle();
        statements.reset();
        assertThat(resolver.fetchOptional(ACTIVITY_TARGET, played).map(ScaleOutContract::describe))
                .contains("song Imagine");
        assertThat(resolver.fetchOptional(resolver.ref(Models.DOCUMENT, document.getId())))
                .map(ScaleOutContract::describe).contains("document Design");
        assertThat(statements.count()).isEqualTo(2);
    }

    // CONDITIONS ------------------------------------------------------------------------------------------------

    @Test
    void conditionsSelectTheSameRowsInOneStatementEach() {
        GenericConditions on = resolver.conditions();
        assertThat(actions(on.pointsAt(ACTIVITY_TARGET, video))).containsExactly("uploaded");
        assertThat(actions(on.pointsAtAny(ACTIVITY_TARGET, List.of(video, otherVideo, song, guido))))
                .containsExactly("uploaded", "uploaded", "played", "followed");
        assertThat(actions(on.pointsAtType(ACTIVITY_TARGET, Models.VIDEO))).containsExactly("uploaded", "uploaded");
        assertThat(tags(on.pointsAt(TAGGED_ITEM_CONTENT_OBJECT, document))).containsExactly("design");
        assertThat(tags(on.pointsAtType(TAGGED_ITEM_CONTENT_OBJECT, Models.VIDEO)))
                .containsExactly("cats", "funny", "garbage");
        assertThat(statements.count()).isEqualTo(5);
    }

    /**
     * An EXISTS per type: on the cluster it runs where Citus can plan it. Over a distributed target not colocated
     * with the referencing table (activity by user_id, video by id) that takes a repartition join
     * ({@code citus.enable_repartition_joins}, which {@link CitusScaleOutTest} turns on); over a reference table or
     * a colocated target it is pushed down as it is. A text object id compared with a bigint key is no join Citus
     * can plan ({@code CitusClusterTest#whatCitusCannotPlan}).
     */
    @Test
    void targetMatchesIsOneStatement() {
        GenericConditions on = resolver.conditions();
        assertThat(actions(on.targetMatches(ACTIVITY_TARGET, Models.VIDEO, VIDEO.TITLE.eq("cats"))))
                .containsExactly("uploaded");
        assertThat(actions(on.targetMatches(ACTIVITY_TARGET, Models.SONG, SONG.ARTIST.eq("Lennon"))))
                .containsExactly("played");
        assertThat(dsl.select(COMMENT.BODY).from(COMMENT)
                .where(on.targetMatches(COMMENT_SUBJECT, Models.DOCUMENT, DOCUMENT.TITLE.eq("Design")))
                .orderBy(COMMENT.BODY).fetch(COMMENT.BODY)).containsExactly("first", "second");
        assertThat(statements.count()).isEqualTo(3);
    }

    // REVERSE RELATIONS -----------------------------------------------------------------------------------------

    @Test
    void childrenOfOneAndOfManyParentsInOneStatementEach() {
        RelatedObjects<VideoRecord, TaggedItemRecord> videoTags =
                polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
        assertThat(videoTags.fetch(video)).extracting(TaggedItemRecord::getTag).containsExactly("cats", "funny");
        Children<VideoRecord, TaggedItemRecord> children = videoTags.prefetch(List.of(video, otherVideo));
        assertThat(children.get(video)).extracting(TaggedItemRecord::getTag).containsExactly("cats", "funny");
        assertThat(children.get(otherVideo)).isEmpty();
        var comments = polyref.relation(GenericRelations.DOCUMENT__COMMENT_SUBJECT);
        assertThat(comments.fetch(document)).extracting(CommentRecord::getBody).containsExactly("first", "second");
        assertThat(comments.prefetch(List.of(document, otherDocument)).get(otherDocument)).isEmpty();
        var feed = polyref.relation(GenericRelations.VIDEO__ACTIVITY_TARGET);
        assertThat(feed.prefetch(List.of(video, otherVideo)).get(otherVideo)).extracting(ActivityRecord::getAction)
                .containsExactly("uploaded");
        assertThat(statements.count()).isEqualTo(5);
    }

    /**
     * Joins from a target to its children, and COUNT, MULTISET and EXISTS per parent, where the cluster can run
     * them: a reference table joined to a distributed one (song to tags), a target colocated with its children on
     * the object id (document to comments: every correlated subquery is pushed down to the shards), and an inner
     * join between distributed tables that are not colocated (video to the feed: a repartition join).
     */
    @Test
    void relationJoinsCountsAndMultisetsInOneStatementEach() {
        var songTags = polyref.relation(GenericRelations.SONG__TAGGED_ITEM_CONTENT_OBJECT);
        assertThat(dsl.select(SONG.ID, TAGGED_ITEM.TAG).from(SONG).leftJoin(TAGGED_ITEM)
                .on(songTags.joinCondition()).orderBy(SONG.ID, TAGGED_ITEM.TAG).fetch(TAGGED_ITEM.TAG))
                .containsExactly("classic");
        var comments = polyref.relation(GenericRelations.DOCUMENT__COMMENT_SUBJECT);
        assertThat(dsl.select(DOCUMENT.TITLE, comments.count()).from(DOCUMENT)
                .fetchMap(DOCUMENT.TITLE, comments.count())).containsExactlyInAnyOrderEntriesOf(
                        Map.of("Design", 2, "Style", 0));
        assertThat(dsl.select(DOCUMENT.TITLE, comments.multiset().as("comments")).from(DOCUMENT)
                .orderBy(DOCUMENT.TITLE).fetch(r -> r.value2().size())).containsExactly(2, 0);
        assertThat(dsl.select(DOCUMENT.TITLE).from(DOCUMENT).where(comments.hasChildren(COMMENT.BODY.eq("second")))
                .fetch(DOCUMENT.TITLE)).containsExactly("Design");
        var feed = polyref.relation(GenericRelations.VIDEO__ACTIVITY_TARGET);
        assertThat(dsl.select(VIDEO.TITLE).from(VIDEO).join(ACTIVITY).on(feed.joinCondition())
                .orderBy(VIDEO.TITLE).fetch(VIDEO.TITLE)).containsExactly("cats", "dogs");
        assertThat(statements.count()).isEqualTo(5);
    }

    @Test
    void relationWritesOnAFeedDistributedByItsOwner() {
        var feed = polyref.relation(GenericRelations.VIDEO__ACTIVITY_TARGET);
        ActivityRecord liked = feed.create(otherVideo, a -> a.setUserId(linus.getId()).setAction("liked"));
        assertThat(liked.getObjectId()).isEqualTo(otherVideo.getId());
        assertThat(feed.clear(otherVideo)).isEqualTo(2);
        assertThat(feed.fetch(otherVideo)).isEmpty();
        assertThat(feed.fetch(video)).extracting(ActivityRecord::getAction).containsExactly("uploaded");
        assertThat(statements.count()).isEqualTo(4);
    }

    // CATALOGUE -------------------------------------------------------------------------------------------------

    @Test
    void theCatalogueIsInSyncAndAColdLookupIsOneStatement() {
        assertThat(dsl.fetch("select * from polyref.sync_content_types(array['example'])")).isEmpty();
        assertThat(dsl.fetch("select * from polyref.stale_content_types()")).isEmpty();
        ContentTypeRegistry cold = Polyref.configure().models(Models.ALL).load().using(dsl).contentTypes();
        statements.reset();
        assertThat(cold.get(VIDEO).model()).isEqualTo("video");
        assertThat(cold.get(PAGE).model()).isEqualTo("page");
        assertThat(cold.get(VIDEO).model()).isEqualTo("video");
        assertThat(statements.count()).as("one per type, then cached").isEqualTo(2);
    }

    private static String describe(TableRecord<?> row) {
        return row.getTable().getName() + " " + row.get(row.field(1));
    }

    private List<String> actions(Condition condition) {
        return dsl.select(ACTIVITY.ACTION).from(ACTIVITY).where(condition).orderBy(ACTIVITY.USER_ID, ACTIVITY.ID)
                .fetch(ACTIVITY.ACTION);
    }

    private List<String> tags(Condition condition) {
        return dsl.select(TAGGED_ITEM.TAG).from(TAGGED_ITEM).where(condition).orderBy(TAGGED_ITEM.TAG)
                .fetch(TAGGED_ITEM.TAG);
    }

    private void act(UsersRecord user, String action, TableRecord<?> target) {
        resolver.setTarget(ACTIVITY_TARGET, dsl.newRecord(ACTIVITY).setUserId(user.getId()).setAction(action), target)
                .store();
    }

    private void tag(String tag, TableRecord<?> target) {
        resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag(tag), target).store();
    }
}
