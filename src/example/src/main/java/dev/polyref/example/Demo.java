package dev.polyref.example;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.BOOKMARK;
import static dev.polyref.example.db.Tables.POST;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.db.Tables.VIDEO;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.example.db.GenericTargets.ActivityTarget;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.Keys;
import dev.polyref.example.db.tables.daos.ActivityDao;
import dev.polyref.example.db.tables.pojos.Activity;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.BookmarkRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.UsersRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.generic.GenericPrefetch;
import dev.polyref.generic.GenericResolver;
import dev.polyref.generic.Prefetched;
import dev.polyref.generic.TypedPrefetched;
import dev.polyref.integrity.GenericKeyIntegrity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/** The steps of {@code polyref demo} on a migrated example database; prints what a person would want to see. */
final class Demo {

    private final DSLContext dsl;
    private final PrintWriter out;
    private final StatementCount statements = new StatementCount();
    private final PolyrefContext polyref;
    private final ContentTypeRegistry registry;
    private final GenericResolver resolver;
    private final Polyref root;

    Demo(DSLContext dsl, PrintWriter out) {
        // Count every statement the demo runs through Polyref and jOOQ
        this.dsl = dsl.configuration().derive(statements).dsl();
        this.out = out;
        // One Polyref per application; each call binds it to the DSLContext it should run on
        Polyref polyref = Polyref.configure().models(Models.ALL).load();
        this.root = polyref;
        this.polyref = polyref.using(this.dsl);
        this.registry = this.polyref.contentTypes();
        this.resolver = this.polyref.resolver();
    }

    void run() {
        int catalogue = registry.fetchAll().size();
        out.printf("   The catalogue has %d content types (one per table), read in %d statement.%n", catalogue,
                statements.take());
        enforceIntegrity();
        writeFeed();
        printFeed("4. The feed, resolved with the batched resolver", true);
        printTags();
        navigate();
        deleteAVideo();
        out.flush();
    }

    private void enforceIntegrity() {
        GenericKeyIntegrity integrity = polyref.integrity();
        // The keys are declared, with their targets and ON DELETE CASCADE, in the example's V2__generic_keys.sql
        integrity.enforce(GenericKeys.ACTIVITY_TARGET);
        integrity.enforce(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT);
        statements.take();
        out.println();
        out.println("2. Integrity: PostgreSQL now enforces the generic keys example.activity (content_type_id, "
                + "object_id)");
        out.println("   and example.tagged_item (content_type_id, object_id): a reference to a missing row is "
                + "rejected, and");
        out.println("   deleting a target deletes what points at it (ON DELETE CASCADE), whoever runs the DELETE.");
    }

    private void writeFeed() {
        UsersRecord alice = user("alice");
        UsersRecord bob = user("bob");
        UsersRecord carol = user("carol");
        VideoRecord cats = insert(dsl.newRecord(VIDEO).setTitle("Cats in space").setUploaderId(bob.getId()));
        VideoRecord knots = insert(dsl.newRecord(VIDEO).setTitle("Ten knots").setUploaderId(carol.getId()));
        SongRecord song = insert(dsl.newRecord(SONG).setTitle("Blue Monday").setArtist("New Order"));
        PostRecord post = insert(dsl.newRecord(POST).setTitle("Why generic keys?").setAuthorId(alice.getId()));
        BookmarkRecord bookmark = insert(dsl.newRecord(BOOKMARK).setUrl("https://www.jooq.org"));
        statements.take();

        // Django's ActivityStream(user=..., action=..., item=target): set() fills both generic-key columns
        Object[][] feed = {
            {bob, "uploaded", cats}, {carol, "uploaded", knots}, {alice, "liked", cats}, {alice, "played", song},
            {bob, "wrote a comment on", post}, {carol, "liked", song}, {alice, "bookmarked", bookmark},
            {bob, "liked", knots}, {carol, "shared", cats}, {alice, "followed", bob},
        };
        List<ActivityRecord> activities = new ArrayList<>();
        for (Object[] entry : feed) {
            ActivityRecord activity = dsl.newRecord(ACTIVITY)
                    .setUserId(((UsersRecord) entry[0]).getId())
                    .setAction((String) entry[1]);
            activities.add(resolver.setTarget(GenericKeys.ACTIVITY_TARGET, activity, (TableRecord<?>) entry[2]));
        }
        dsl.batchInsert(activities).execute();
        List<TaggedItemRecord> tags = new ArrayList<>();
        tags.add(tag("space", cats));
        tags.add(tag("funny", cats));
        tags.add(tag("80s", song));
        tags.add(tag("java", bookmark));
        tags.add(tag("sql", post));
        tags.add(tag("java", post));
        dsl.batchInsert(tags).execute();
        out.println();
        out.printf("3. Write: 3 users, 2 videos, a song, a post and a bookmark; %d activities and %d tags.%n",
                activities.size(), tags.size());
        out.println("   Each is created from a record: "
                + "resolver.setTarget(GenericKeys.ACTIVITY_TARGET, activity, video)");
        out.println("   fills both content_type_id and object_id.");
        statements.take();
    }

    private UsersRecord user(String name) {
        return insert(dsl.newRecord(USERS).setUsername(name));
    }

    private static <R extends org.jooq.UpdatableRecord<R>> R insert(R record) {
        record.store();
        return record;
    }

    private TaggedItemRecord tag(String tag, TableRecord<?> target) {
        return resolver.setTarget(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag(tag),
                target);
    }

    private void printFeed(String heading, boolean explain) {
        statements.take();
        Result<ActivityRecord> activities = dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).fetch();
        Map<Long, UsersRecord> users = new LinkedHashMap<>();
        dsl.selectFrom(USERS).fetch().forEach(u -> users.put(u.getId(), u));
        // One statement per content type of the targets, plus one for the videos' uploaders
        Prefetched targets = resolver.prefetch(GenericKeys.ACTIVITY_TARGET, activities,
                GenericPrefetch.of(Models.VIDEO).withParent(Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY));
        int used = statements.take();
        out.println();
        out.println(heading);
        Set<String> types = new TreeSet<>();
        int onVideos = 0;
        for (ActivityRecord activity : activities) {
            TableRecord<?> target = targets.find(activity).orElse(null);
            types.add(registry.get(activity.getContentTypeId()).model());
            onVideos += target instanceof VideoRecord ? 1 : 0;
            out.printf("   %-6s %-19s %s%n", users.get(activity.getUserId()).getUsername(), activity.getAction(),
                    describe(target, targets));
        }
        out.printf("   %d activities pointing at %d content types (%s), loaded in %d statements:%n",
                activities.size(), types.size(), String.join(", ", types), used);
        if (explain) {
            out.printf("   1 for the activities, 1 for the users, %d for the targets (one per content type, "
                    + "never one per row)%n", types.size());
            out.printf("   and 1 for the videos' uploaders. Resolving each activity on its own (Django without%n"
                    + "   prefetch_related) would take %d: 2 + 1 per activity + 1 per video's uploader.%n",
                    2 + activities.size() + onVideos);
        }
    }

    /** @param uploaders the prefetch that loaded the videos' uploaders, or null to leave them out */
    private static String describe(@Nullable TableRecord<?> target, @Nullable Prefetched uploaders) {
        if (target instanceof VideoRecord video) {
            String uploader = uploaders == null ? "" : uploaders.findParent(video, Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY)
                    .map(u -> " (uploaded by " + u.getUsername() + ")").orElse("");
            return "video \"" + video.getTitle() + "\"" + uploader;
        }
        if (target instanceof SongRecord song) {
            return "song \"" + song.getTitle() + "\" by " + song.getArtist();
        }
        if (target instanceof PostRecord post) {
            return "post \"" + post.getTitle() + "\"";
        }
        if (target instanceof BookmarkRecord bookmark) {
            return "bookmark " + bookmark.getUrl();
        }
        if (target instanceof UsersRecord user) {
            return "user " + user.getUsername();
        }
        return "(deleted)";
    }

    private void printTags() {
        statements.take();
        Result<TaggedItemRecord> tags = dsl.selectFrom(TAGGED_ITEM).orderBy(TAGGED_ITEM.ID).fetch();
        Prefetched targets = resolver.prefetch(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT, tags);
        int used = statements.take();
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        for (TaggedItemRecord tag : tags) {
            String target = describe(targets.find(tag).orElse(null), null);
            byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(tag.getTag());
        }
        out.println();
        out.println("   Tags (a text object id, so one key holds bigint, uuid and text keys alike):");
        byTarget.forEach((target, names) -> out.printf("   %-40s %s%n", target, String.join(", ", names)));
        out.printf("   %d tags loaded in %d statements.%n", tags.size(), used);
    }

    /** The generated methods that replace the resolver calls above (docs/generated-code.md). */
    private void navigate() {
        ActivityRecord first = dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).limit(1).fetchSingle();
        VideoRecord cats = dsl.selectFrom(VIDEO).where(VIDEO.TITLE.eq("Cats in space")).fetchSingle();
        statements.take();
        // Typed by the key's allowed targets: the visitor must handle each of them, or this does not compile
        String target = first.fetchTarget(root).map(Demo::describe).orElse("(deleted)");
        int fetched = statements.take();
        int count = cats.countActivityByTarget(root);
        int counted = statements.take();
        ActivityDao activities = new ActivityDao(dsl.configuration());
        TypedPrefetched<Activity, ActivityTarget> targets = activities.prefetchTarget(root, activities.findAll());
        int loaded = statements.take();
        out.println();
        out.println("   The same through the methods generated on records and DAOs (docs/generated-code.md):");
        out.printf("   activity.fetchTarget(polyref)          %s, in %d statement%n", target, fetched);
        out.printf("   video.countActivityByTarget(polyref)   %d activities on \"%s\", in %d statement%n", count,
                cats.getTitle(), counted);
        out.printf("   activityDao.prefetchTarget(polyref, activityDao.findAll())   %d targets in %d statements "
                + "(1 + 1 per content type)%n", targets.size(), loaded);
    }

    private static String describe(ActivityTarget target) {
        return target.accept(new ActivityTarget.Visitor<>() {
            @Override
            public String visit(BookmarkRecord bookmark) {
                return "bookmark " + bookmark.getUrl();
            }

            @Override
            public String visit(PostRecord post) {
                return "post \"" + post.getTitle() + "\"";
            }

            @Override
            public String visit(SongRecord song) {
                return "song \"" + song.getTitle() + "\"";
            }

            @Override
            public String visit(UsersRecord user) {
                return "user " + user.getUsername();
            }

            @Override
            public String visit(VideoRecord video) {
                return "video \"" + video.getTitle() + "\"";
            }
        });
    }

    private void deleteAVideo() {
        int activities = dsl.fetchCount(ACTIVITY);
        int tags = dsl.fetchCount(TAGGED_ITEM);
        statements.take();
        int deleted = dsl.execute("delete from example.video where title = 'Cats in space'");
        statements.take();
        int activitiesAfter = dsl.fetchCount(ACTIVITY);
        int tagsAfter = dsl.fetchCount(TAGGED_ITEM);
        out.println();
        out.printf("5. Delete: delete from example.video where title = 'Cats in space'  (%d row, plain SQL)%n",
                deleted);
        out.printf("   PostgreSQL cascaded through the generic keys: activities %d -> %d, tags %d -> %d.%n",
                activities, activitiesAfter, tags, tagsAfter);
        out.println("   No orphans: nothing points at the deleted video (Django would leave them behind unless a");
        out.println("   GenericRelation was declared, and then only for deletes made through the ORM).");
        printFeed("   The feed now:", false);
    }

}
