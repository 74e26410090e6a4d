package dev.polyref.generated;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.PAGE;
import static dev.polyref.example.db.Tables.POST;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.db.Tables.VIDEO;

import dev.polyref.Polyref;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.DocumentRecord;
import dev.polyref.example.db.tables.records.PageRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.UsersRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

/**
 * Fresh example rows for the tests of generated code, and a {@code Polyref} whose catalogue cache is warm (every
 * example content type looked up once), so that counted statements are the generated method's own.
 */
final class GeneratedData {

    final Polyref polyref;
    final UsersRecord guido;
    final VideoRecord video;
    final VideoRecord otherVideo;
    final SongRecord song;
    final PostRecord post;
    final DocumentRecord document;
    final PageRecord page;

    GeneratedData(DSLContext dsl) {
        dsl.execute("truncate example.activity, example.tagged_item, example.comment, example.video, example.song, "
                + "example.post, example.bookmark, example.users, example.document, example.page, "
                + "example.playlist_entry restart identity cascade");
        guido = dsl.insertInto(USERS).set(USERS.USERNAME, "guido").returning().fetchSingle();
        video = dsl.insertInto(VIDEO).set(VIDEO.TITLE, "cats").returning().fetchSingle();
        otherVideo = dsl.insertInto(VIDEO).set(VIDEO.TITLE, "dogs").returning().fetchSingle();
        song = dsl.insertInto(SONG).set(SONG.TITLE, "Imagine").set(SONG.ARTIST, "Lennon").returning().fetchSingle();
        post = dsl.insertInto(POST).set(POST.TITLE, "Hello").returning().fetchSingle();
        document = dsl.insertInto(DOCUMENT).set(DOCUMENT.TITLE, "Design").returning().fetchSingle();
        page = dsl.insertInto(PAGE).set(PAGE.SLUG, "about").set(PAGE.TITLE, "About").returning().fetchSingle();
        polyref = Polyref.configure().models(Models.ALL).load();
        Models.ALL.forEach(m -> polyref.using(dsl).contentTypes().get(m));
    }

    /** An activity of guido's, stored, pointing at the target through the generated setter. */
    ActivityRecord activity(DSLContext dsl, String action, TableRecord<?> target) {
        ActivityRecord a = dsl.newRecord(ACTIVITY).setUserId(guido.getId()).setAction(action)
                .setTarget(polyref, target);
        a.store();
        return a;
    }
}
