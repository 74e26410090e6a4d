package dev.polyref.example.web;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.BOOKMARK;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.POST;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.db.Tables.VIDEO;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.Model;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.DocumentRecord;
import dev.polyref.example.db.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;

/**
 * The demo data of the web application and its tests: 5 users, 10 each of videos, songs, posts and bookmarks,
 * 2 documents, {@value #ACTIVITIES} activities spread evenly over 5 content types (so every feed page of 50
 * points at all 5), tags, comments, and the permissions of the demo's users. The generic keys are enforced.
 *
 * <ul>
 *   <li>alice: every permission on every content type;</li>
 *   <li>bob: view on every content type;</li>
 *   <li>carol: view and change on videos, view/add/change/delete on tagged items;</li>
 *   <li>dave: none.</li>
 * </ul>
 */
final class DemoData {

    static final int ACTIVITIES = 120;
    static final String[] USERNAMES = {"alice", "bob", "carol", "dave", "erin"};

    private DemoData() {}

    /** Loads the data into an empty example schema, in the caller's transaction or auto-commit. */
    static void load(DSLContext dsl, Polyref polyref) {
        PolyrefContext p = polyref.using(dsl);
        p.integrity().enforce(GenericKeys.ACTIVITY_TARGET);
        p.integrity().enforce(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT);
        p.integrity().enforce(GenericKeys.COMMENT_SUBJECT);
        List<UsersRecord> users = new ArrayList<>();
        for (String name : USERNAMES) {
            users.add(store(dsl.newRecord(USERS).setUsername(name)));
        }
        List<List<? extends TableRecord<?>>> targets = new ArrayList<>();
        targets.add(users);
        List<TableRecord<?>> videos = new ArrayList<>();
        List<TableRecord<?>> songs = new ArrayList<>();
        List<TableRecord<?>> posts = new ArrayList<>();
        List<TableRecord<?>> bookmarks = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            videos.add(store(dsl.newRecord(VIDEO).setTitle("Video " + i).setUploaderId(users.get(i % 3).getId())));
            songs.add(store(dsl.newRecord(SONG).setTitle("Song " + i).setArtist("Band " + (i % 4))));
            posts.add(store(dsl.newRecord(POST).setTitle(i == 1 ? "Why generic keys?" : "Post " + i)
                    .setBody("Post number " + i).setAuthorId(users.get(0).getId())));
            bookmarks.add(store(dsl.newRecord(BOOKMARK).setUrl("https://example.org/" + i)));
        }
        targets.add(videos);
        targets.add(songs);
        targets.add(posts);
        targets.add(bookmarks);
        String[] actions = {"followed", "watched", "played", "liked", "bookmarked"};
        List<ActivityRecord> activities = new ArrayList<>();
        for (int i = 0; i < ACTIVITIES; i++) {
            List<? extends TableRecord<?>> ofType = targets.get(i % 5);
            ActivityRecord activity = dsl.newRecord(ACTIVITY)
                    .setUserId(users.get(i % users.size()).getId())
                    .setAction(actions[i % 5]);
            activities.add(p.resolver().setTarget(GenericKeys.ACTIVITY_TARGET, activity, ofType.get(i / 5 % ofType.size())));
        }
        dsl.batchInsert(activities).execute();
        p.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(
                (dev.polyref.example.db.tables.records.VideoRecord) videos.get(0), t -> t.setTag("cats"));
        p.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(
                (dev.polyref.example.db.tables.records.VideoRecord) videos.get(0), t -> t.setTag("space"));
        p.relation(GenericRelations.POST__TAGGED_ITEM_CONTENT_OBJECT).create(
                (dev.polyref.example.db.tables.records.PostRecord) posts.get(0), t -> t.setTag("sql"));
        DocumentRecord manual = store(dsl.newRecord(DOCUMENT).setTitle("The manual"));
        store(dsl.newRecord(DOCUMENT).setTitle("Release notes"));
        p.relation(GenericRelations.DOCUMENT__COMMENT_SUBJECT).create(manual, c -> c.setBody("Clear and short."));

        Permissions.ensure(dsl);
        for (Model<?, ?> model : Models.ALL) {
            ContentType type = p.contentTypes().get(model);
            Permissions.grant(dsl, "alice", type, "view", "add", "change", "delete");
            Permissions.grant(dsl, "bob", type, "view");
        }
        Permissions.grant(dsl, "carol", p.contentTypes().get(Models.VIDEO), "view", "change");
        Permissions.grant(dsl, "carol", p.contentTypes().get(Models.TAGGED_ITEM), "view", "add", "change", "delete");
    }

    private static <R extends UpdatableRecord<R>> R store(R record) {
        record.store();
        return record;
    }
}
