package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Keys.CHANNEL__CHANNEL_OWNER_ID_FKEY;
import static dev.polyref.example.db.Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY;
import static dev.polyref.example.db.Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_VIDEO_ID_FKEY;
import static dev.polyref.example.db.Keys.PLAYLIST__PLAYLIST_CHANNEL_FKEY;
import static dev.polyref.example.db.Keys.PLAYLIST__PLAYLIST_OWNER_ID_FKEY;
import static dev.polyref.example.db.Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY;
import static dev.polyref.example.db.Tables.CHANNEL;
import static dev.polyref.example.db.Tables.PLAYLIST;
import static dev.polyref.example.db.Tables.PLAYLIST_VIDEO;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.InvalidArgumentException;
import dev.polyref.MalformedDeclarationException;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ChannelRecord;
import dev.polyref.example.db.tables.records.PlaylistRecord;
import dev.polyref.example.db.tables.records.PlaylistVideoRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.UsersRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nested loading under generic targets (issue 12): a parent over a two-column foreign key, related rows through a
 * link table, and loads under those, each one statement per key and level whatever the number of targets.
 */
@PolyrefTest
class NestedLoadingTest extends ResolverTestBase {

    /** Everything the example schema offers under a playlist: 1 + 2 + 2 statements. */
    private static final GenericPrefetch<PlaylistRecord> EVERYTHING = GenericPrefetch.of(Models.PLAYLIST)
            .withParent(PLAYLIST__PLAYLIST_CHANNEL_FKEY, channel -> channel.withParent(CHANNEL__CHANNEL_OWNER_ID_FKEY))
            .withMany(PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY, PLAYLIST_VIDEO__PLAYLIST_VIDEO_VIDEO_ID_FKEY,
                    video -> video.withParent(VIDEO__VIDEO_UPLOADER_ID_FKEY));

    private ChannelRecord python;
    private ChannelRecord kernel;
    /** guido's, channel python, videos cats then dogs. */
    private PlaylistRecord favourites;
    /** linus's, channel kernel, video cats. */
    private PlaylistRecord talks;
    /** guido's, no channel (null slug), no videos. */
    private PlaylistRecord empty;
    /** guido's, channel python too, video dogs. */
    private PlaylistRecord moreFavourites;

    NestedLoadingTest(TestDatabase db) {
        super(db);
    }

    @BeforeEach
    void playlists() {
        python = channel(data.guido, "python", "Python");
        kernel = channel(data.linus, "kernel", "Kernel");
        favourites = playlist("favourites", data.guido, "python", data.video, data.otherVideo);
        talks = playlist("talks", data.linus, "kernel", data.video);
        empty = playlist("empty", data.guido, null);
        moreFavourites = playlist("more", data.guido, "python", data.otherVideo);
        registry.fetchAll();
        statements.reset();
    }

    @Test
    void aParentOverATwoColumnForeignKeyIsOneStatementWithOneArrayPerColumn() {
        List<GenericRef<?>> refs = List.of(ref(favourites), ref(talks), ref(empty), ref(moreFavourites),
                ref(favourites));

        Prefetched targets = resolver.prefetch(refs,
                GenericPrefetch.of(Models.PLAYLIST).select(PLAYLIST.NAME).withParent(PLAYLIST__PLAYLIST_CHANNEL_FKEY));

        assertThat(statements.count()).as(statements.statements().toString()).isEqualTo(1 + 1);
        String parents = statements.statements().get(1);
        assertThat(parents).contains("rows from (pg_catalog.unnest(cast(? as bigint[])), pg_catalog.unnest(cast(? as text[])))");
        assertThat(parents.chars().filter(c -> c == '?').count()).as("two array binds: " + parents).isEqualTo(2);
        statements.reset();
        PlaylistRecord loaded = targets.find(ref(favourites)).orElseThrow();
        assertThat(loaded.getChannelSlug()).as("a key column is loaded though not selected").isEqualTo("python");
        ChannelRecord channel = targets.findParent(loaded, PLAYLIST__PLAYLIST_CHANNEL_FKEY).orElseThrow();
        assertThat(channel).isEqualTo(python);
        assertThat(targets.findParent(targets.find(ref(moreFavourites)).orElseThrow(), PLAYLIST__PLAYLIST_CHANNEL_FKEY))
                .as("one record per parent").get().isSameAs(channel);
        assertThat(targets.findParent(targets.find(ref(talks)).orElseThrow(), PLAYLIST__PLAYLIST_CHANNEL_FKEY))
                .get().isEqualTo(kernel);
        assertThat(targets.findParent(targets.find(ref(empty)).orElseThrow(), PLAYLIST__PLAYLIST_CHANNEL_FKEY))
                .as("null slug: no channel (MATCH SIMPLE)").isEmpty();
        assertThatThrownBy(() -> targets.findParent(loaded, PLAYLIST__PLAYLIST_OWNER_ID_FKEY))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("playlist_owner_id_fkey")
                .hasMessageContaining("was not prefetched");
        assertThat(statements.count()).as("lookups are free").isZero();
    }

    @Test
    void relatedRowsThroughALinkTableAreOneStatement() {
        PlaylistRecord deleted = playlist("deleted", data.linus, null, data.video);
        GenericRef<PlaylistRecord> dangling = ref(deleted);
        deleted.delete();
        statements.reset();

        Prefetched targets = resolver.prefetch(List.of(ref(favourites), ref(talks), ref(empty), dangling,
                ref(talks), ref(moreFavourites)), GenericPrefetch.of(Models.PLAYLIST)
                .withMany(PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY, PLAYLIST_VIDEO__PLAYLIST_VIDEO_VIDEO_ID_FKEY));

        assertThat(statements.count()).as(statements.statements().toString()).isEqualTo(1 + 1);
        assertThat(statements.statements().get(1)).contains("rows from (pg_catalog.unnest(cast(? as bigint[])))")
                .contains("join \"example\".\"video\"");
        statements.reset();
        List<VideoRecord> favouriteVideos = videos(targets, favourites);
        assertThat(favouriteVideos).extracting(VideoRecord::getTitle).as("in the link table's order")
                .containsExactly("cats", "dogs");
        assertThat(videos(targets, talks)).extracting(VideoRecord::getTitle).containsExactly("cats");
        assertThat(videos(targets, talks).get(0)).as("a video in two playlists is one record")
                .isSameAs(favouriteVideos.get(0));
        assertThat(videos(targets, empty)).as("no links").isEmpty();
        assertThat(targets.find(dangling)).as("dangling ref").isEmpty();
        assertThat(targets.size()).isEqualTo(4);
        assertThatThrownBy(() -> favouriteVideos.add(favouriteVideos.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> targets.findParent(talks, PLAYLIST__PLAYLIST_CHANNEL_FKEY))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(statements.count()).as("lookups are free").isZero();

        Prefetched plain = resolver.prefetch(List.of(ref(favourites)));
        assertThatThrownBy(() -> videos(plain, favourites)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("playlist_video_playlist_id_fkey -> playlist_video_video_id_fkey")
                .hasMessageContaining("was not prefetched");
    }

    @Test
    void eachLevelUnderTheTargetsIsOneStatementPerKey() {
        Prefetched targets = resolver.prefetch(List.of(ref(favourites), ref(talks), ref(empty)), EVERYTHING);

        assertThat(statements.count()).as("targets; channel and videos; channel owners and video uploaders: "
                + statements.statements()).isEqualTo(1 + 2 + 2);
        ChannelRecord channel = targets.findParent(targets.find(ref(favourites)).orElseThrow(),
                PLAYLIST__PLAYLIST_CHANNEL_FKEY).orElseThrow();
        assertThat(targets.findParent(channel, CHANNEL__CHANNEL_OWNER_ID_FKEY)).get()
                .extracting(UsersRecord::getUsername).isEqualTo("guido");
        ChannelRecord kernelChannel = targets.findParent(talks, PLAYLIST__PLAYLIST_CHANNEL_FKEY).orElseThrow();
        assertThat(targets.findParent(kernelChannel, CHANNEL__CHANNEL_OWNER_ID_FKEY)).get()
                .extracting(UsersRecord::getUsername).isEqualTo("linus");
        List<VideoRecord> videos = videos(targets, favourites);
        assertThat(videos).extracting(v -> targets.findParent(v, VIDEO__VIDEO_UPLOADER_ID_FKEY).orElseThrow()
                .getUsername()).containsExactly("guido", "linus");
    }

    @Test
    void statementsDoNotDependOnTheNumberOfTargets() {
        List<GenericRef<?>> one = List.of(ref(favourites));
        int forOne = countStatements(one);

        List<GenericRef<?>> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ChannelRecord channel = channel(i % 2 == 0 ? data.guido : data.linus, "c" + i, "Channel " + i);
            many.add(ref(playlist("p" + i, i % 2 == 0 ? data.guido : data.linus, channel.getSlug(), data.video,
                    data.otherVideo)));
        }
        many.add(ref(empty));
        statements.reset();
        Prefetched targets = resolver.prefetch(many, EVERYTHING);
        int forMany = statements.count();

        assertThat(forOne).isEqualTo(5);
        assertThat(forMany).as(statements.statements().toString()).isEqualTo(forOne);
        for (int i = 0; i < 500; i++) {
            PlaylistRecord playlist = (PlaylistRecord) targets.find(many.get(i)).orElseThrow();
            ChannelRecord channel = targets.findParent(playlist, PLAYLIST__PLAYLIST_CHANNEL_FKEY).orElseThrow();
            assertThat(channel.getSlug()).isEqualTo("c" + i);
            assertThat(targets.findParent(channel, CHANNEL__CHANNEL_OWNER_ID_FKEY).orElseThrow().getUsername())
                    .isEqualTo(i % 2 == 0 ? "guido" : "linus");
            assertThat(videos(targets, playlist)).extracting(VideoRecord::getTitle).containsExactly("cats", "dogs");
        }
        assertThat(videos(targets, empty)).isEmpty();
    }

    @Test
    void oneRoundTripModeSendsTheTargetsTogetherThenOneStatementPerKeyAndLevel() {
        // Django: TaggedItem.objects.prefetch_related('content_object__channel', 'content_object__videos')
        List<TaggedItemRecord> tags = new ArrayList<>();
        for (Object target : List.of(favourites, talks, data.video, empty, favourites)) {
            TaggedItemRecord tag = resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT,
                    dsl.newRecord(TAGGED_ITEM).setTag("t"), (org.jooq.TableRecord<?>) target);
            tags.add(tag);
        }
        GenericResolver oneTrip = resolver.withOneRoundTrip(true);
        statements.reset();

        Prefetched targets = oneTrip.prefetch(TAGGED_ITEM_CONTENT_OBJECT, tags, EVERYTHING,
                GenericPrefetch.of(Models.VIDEO).withParent(VIDEO__VIDEO_UPLOADER_ID_FKEY));

        assertThat(statements.count()).as("1 call for playlists and videos; channel, links, video uploaders; "
                + "channel owners, uploaders of linked videos: " + statements.statements()).isEqualTo(1 + 3 + 2);
        PlaylistRecord loaded = targets.find(tags.get(0), Models.PLAYLIST).orElseThrow();
        assertThat(targets.find(tags.get(4), Models.PLAYLIST)).get().isSameAs(loaded);
        assertThat(targets.findParent(loaded, PLAYLIST__PLAYLIST_CHANNEL_FKEY)).get().isEqualTo(python);
        assertThat(videos(targets, loaded)).extracting(VideoRecord::getTitle).containsExactly("cats", "dogs");
        VideoRecord tagged = targets.find(tags.get(2), Models.VIDEO).orElseThrow();
        assertThat(targets.findParent(tagged, VIDEO__VIDEO_UPLOADER_ID_FKEY)).get()
                .extracting(UsersRecord::getUsername).isEqualTo("guido");
        assertThat(videos(targets, targets.find(tags.get(3), Models.PLAYLIST).orElseThrow())).isEmpty();
    }

    @Test
    void targetsWithoutAnythingToLoadCostNoNestedStatement() {
        Prefetched targets = resolver.prefetch(List.of(ref(empty)), GenericPrefetch.of(Models.PLAYLIST)
                .withParent(PLAYLIST__PLAYLIST_CHANNEL_FKEY, c -> c.withParent(CHANNEL__CHANNEL_OWNER_ID_FKEY)));
        assertThat(statements.count()).as("the channel key is null: " + statements.statements()).isEqualTo(1);
        assertThat(targets.findParent(targets.find(ref(empty)).orElseThrow(), PLAYLIST__PLAYLIST_CHANNEL_FKEY))
                .isEmpty();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aLinkNeedsTwoDifferentKeysOfOneTable() {
        ForeignKey<PlaylistVideoRecord, VideoRecord> notFromTheLink = (ForeignKey) VIDEO__VIDEO_UPLOADER_ID_FKEY;
        assertThatThrownBy(() -> GenericPrefetch.of(Models.PLAYLIST)
                .withMany(PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY, notFromTheLink))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageContaining("video_uploader_id_fkey").hasMessageContaining("example.playlist_video")
                .hasMessageContaining("not from the same link table");
        assertThatThrownBy(() -> GenericPrefetch.of(Models.PLAYLIST)
                .withMany(PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY, PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY))
                .isInstanceOf(MalformedDeclarationException.class).hasMessageContaining("both sides");
    }

    private static List<VideoRecord> videos(Prefetched targets, PlaylistRecord playlist) {
        return targets.related(playlist, PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY,
                PLAYLIST_VIDEO__PLAYLIST_VIDEO_VIDEO_ID_FKEY);
    }

    private int countStatements(List<GenericRef<?>> refs) {
        statements.reset();
        resolver.prefetch(refs, EVERYTHING);
        return statements.count();
    }

    private GenericRef<PlaylistRecord> ref(PlaylistRecord playlist) {
        return resolver.ref(Models.PLAYLIST, playlist.getId());
    }

    private ChannelRecord channel(UsersRecord owner, String slug, String title) {
        return dsl.insertInto(CHANNEL).set(CHANNEL.OWNER_ID, owner.getId()).set(CHANNEL.SLUG, slug)
                .set(CHANNEL.TITLE, title).returning().fetchSingle();
    }

    private PlaylistRecord playlist(String name, UsersRecord owner, String channelSlug, VideoRecord... videos) {
        PlaylistRecord playlist = dsl.insertInto(PLAYLIST).set(PLAYLIST.NAME, name).set(PLAYLIST.OWNER_ID,
                owner.getId()).set(PLAYLIST.CHANNEL_SLUG, channelSlug).returning().fetchSingle();
        int position = 0;
        for (VideoRecord video : videos) {
            dsl.insertInto(PLAYLIST_VIDEO).set(PLAYLIST_VIDEO.PLAYLIST_ID, playlist.getId())
                    .set(PLAYLIST_VIDEO.VIDEO_ID, video.getId()).set(PLAYLIST_VIDEO.POSITION, position++).execute();
        }
        return playlist;
    }
}
