package dev.polyref.generic;

import static dev.polyref.example.db.Tables.BOOKMARK;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.PAGE;
import static dev.polyref.example.db.Tables.POST;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.db.Tables.VIDEO;

import dev.polyref.example.db.tables.records.BookmarkRecord;
import dev.polyref.example.db.tables.records.DocumentRecord;
import dev.polyref.example.db.tables.records.PageRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.UsersRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import org.jooq.DSLContext;

/** A small, fresh data set of the example application: two of each target type. */
final class ExampleData {

    final UsersRecord guido;
    final UsersRecord linus;
    final VideoRecord video;
    final VideoRecord otherVideo;
    final SongRecord song;
    final SongRecord otherSong;
    final PostRecord post;
    final BookmarkRecord bookmark;
    final BookmarkRecord otherBookmark;
    final DocumentRecord document;
    final DocumentRecord otherDocument;
    final PageRecord page;

    ExampleData(DSLContext dsl) {
        dsl.execute("truncate example.activity, example.tagged_item, example.comment, example.video, example.song, "
                + "example.post, example.bookmark, example.users, example.document, example.page, "
                + "example.playlist_entry restart identity cascade");
        guido = dsl.insertInto(USERS).set(USERS.USERNAME, "guido").returning().fetchSingle();
        linus = dsl.insertInto(USERS).set(USERS.USERNAME, "linus").returning().fetchSingle();
        video = dsl.insertInto(VIDEO).set(VIDEO.TITLE, "cats").set(VIDEO.UPLOADER_ID, guido.getId())
                .returning().fetchSingle();
        otherVideo = dsl.insertInto(VIDEO).set(VIDEO.TITLE, "dogs").set(VIDEO.UPLOADER_ID, linus.getId())
                .returning().fetchSingle();
        song = dsl.insertInto(SONG).set(SONG.TITLE, "Imagine").set(SONG.ARTIST, "Lennon").returning().fetchSingle();
        otherSong = dsl.insertInto(SONG).set(SONG.TITLE, "Help").set(SONG.ARTIST, "Beatles").returning()
                .fetchSingle();
        post = dsl.insertInto(POST).set(POST.TITLE, "Hello").set(POST.AUTHOR_ID, guido.getId()).returning()
                .fetchSingle();
        bookmark = dsl.insertInto(BOOKMARK).set(BOOKMARK.URL, "https://www.djangoproject.com/").returning()
                .fetchSingle();
        otherBookmark = dsl.insertInto(BOOKMARK).set(BOOKMARK.URL, "https://www.jooq.org/").returning()
                .fetchSingle();
        document = dsl.insertInto(DOCUMENT).set(DOCUMENT.TITLE, "Design").returning().fetchSingle();
        otherDocument = dsl.insertInto(DOCUMENT).set(DOCUMENT.TITLE, "Style").returning().fetchSingle();
        page = dsl.insertInto(PAGE).set(PAGE.SLUG, "about").set(PAGE.TITLE, "About").returning().fetchSingle();
    }
}
