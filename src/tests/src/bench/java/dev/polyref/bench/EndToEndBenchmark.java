package dev.polyref.bench;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.BOOKMARK;
import static dev.polyref.example.db.Tables.POST;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.VIDEO;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.BookmarkRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.generic.GenericResolver;
import dev.polyref.generic.Prefetched;
import dev.polyref.generic.Resolved;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End to end, as a service does it: the page query (the first {@code size} activities of a feed) plus the
 * targets over 4 content types, 10% of them dangling, then each row's target looked up. Seven ways in one run:
 * <ul>
 * <li>{@link #rawJdbcPerType}: hand-written JDBC, the baseline: a PreparedStatement for the page, one
 *     {@code id = ANY(?)} per type, rows read into plain Java records;</li>
 * <li>{@link #polyrefPrefetch}: the page through jOOQ's {@code fetch()}, then {@code resolver.prefetch};</li>
 * <li>{@link #polyrefOneRoundTrip}: the same in one-round-trip mode;</li>
 * <li>{@link #polyrefFetch}: {@code resolver.fetch(key, pageQuery)}, which reads the page itself;</li>
 * <li>{@link #rawJdbcIntoJooqRecords}: the same statements by hand, read into the generated jOOQ records;</li>
 * <li>{@link #jooqByHand}: the same by hand through jOOQ ({@code fetch()}, {@code fetchMap});</li>
 * <li>{@link #rawJdbcLateral}: the single-query design: the page LEFT JOIN LATERAL each type's table, by JDBC.</li>
 * </ul>
 * Each returns how many targets it found. {@code latencyMicros} &gt; 0 sends everything through
 * {@link LatencyProxy}, which delays each packet by that much in each direction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true"})
public class EndToEndBenchmark {

    /** Rows in the feed: the largest page. */
    static final int FEED = 100_000;

    @Param({"1000", "10000", "100000"})
    public int size;

    /** One-way network delay added by a proxy, in microseconds (0: straight to the server). */
    @Param({"0"})
    public long latencyMicros;

    private FeedDatabase db;
    private LatencyProxy proxy;
    private Connection connection;
    private DSLContext dsl;
    private GenericResolver resolver;
    private GenericResolver oneRoundTrip;
    private int videoType;
    private int songType;
    private int postType;
    private int bookmarkType;

    record Activity(long id, long userId, String action, Integer contentTypeId, Long objectId,
            OffsetDateTime createdAt) {}

    record Video(long id, String title, Long uploaderId) {}

    record Song(long id, String title, String artist) {}

    record Post(long id, String title, String body, Long authorId) {}

    record Bookmark(long id, String url) {}

    /**
     * One data set per JVM: with forks (the default) each trial builds its own; with {@code -f 0} all trials share
     * one, which on a loaded machine turns a 30-minute run into a few minutes (stopped when the JVM exits).
     */
    private static FeedDatabase shared;

    private static synchronized FeedDatabase feed() throws Exception {
        if (shared == null) {
            shared = new FeedDatabase(FEED);
            FeedDatabase db = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(db::close));
        }
        return shared;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        db = feed();
        if (latencyMicros > 0) {
            proxy = new LatencyProxy(db.server.port(), latencyMicros);
        }
        connection = db.connect(proxy == null ? null : proxy.port());
        dsl = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        PolyrefContext polyref = Polyref.configure().models(Models.ALL).load().using(dsl);
        ContentTypeRegistry registry = polyref.contentTypes();
        registry.fetchAll();
        resolver = polyref.resolver();
        oneRoundTrip = resolver.withOneRoundTrip(true);
        videoType = registry.get(Models.VIDEO).id();
        songType = registry.get(Models.SONG).id();
        postType = registry.get(Models.POST).id();
        bookmarkType = registry.get(Models.BOOKMARK).id();
        // Every variant must find the same targets: 90% of the page
        int expected = size - size / 10;
        int[] found = {rawJdbcPerType(), rawJdbcLateral(), polyrefPrefetch(), polyrefOneRoundTrip(),
            polyrefFetch(), rawJdbcIntoJooqRecords(), jooqByHand()};
        for (int f : found) {
            if (f != expected) {
                throw new IllegalStateException("expected " + expected + " targets, found "
                        + java.util.Arrays.toString(found));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    /** The benchmark's jOOQ context (for the probes in {@code dev.polyref.generic}, after {@link #setUp}). */
    public DSLContext dsl() {
        return dsl;
    }

    /** The benchmark's resolver (per-type statements). */
    public GenericResolver resolver() {
        return resolver;
    }

    /** The page query the Polyref variants run. */
    public ResultQuery<ActivityRecord> pageQuery() {
        return dsl.selectFrom(ACTIVITY).where(ACTIVITY.USER_ID.eq(1L)).orderBy(ACTIVITY.ID).limit(size);
    }

    /** The raw baseline's page alone, its rows counted but not read (for the probes). */
    public int jdbcPageNotRead() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(PAGE_SQL)) {
            ps.setLong(1, 1L);
            ps.setInt(2, size);
            try (ResultSet rs = ps.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                return rows;
            }
        }
    }

    // ---- Polyref

    private Result<ActivityRecord> page() {
        return pageQuery().fetch();
    }

    @Benchmark
    public int polyrefPrefetch() {
        Result<ActivityRecord> page = page();
        return count(page, resolver.prefetch(ACTIVITY_TARGET, page));
    }

    @Benchmark
    public int polyrefOneRoundTrip() {
        Result<ActivityRecord> page = page();
        return count(page, oneRoundTrip.prefetch(ACTIVITY_TARGET, page));
    }

    /** The page and its targets in one call: {@code resolver.fetch(key, query)} reads the page itself. */
    @Benchmark
    public int polyrefFetch() {
        int found = 0;
        for (Resolved<ActivityRecord> r : resolver.fetch(ACTIVITY_TARGET, pageQuery())) {
            found += r.findTarget().isPresent() ? 1 : 0;
        }
        return found;
    }

    private static int count(Result<ActivityRecord> page, Prefetched targets) {
        int found = 0;
        for (ActivityRecord row : page) {
            found += targets.find(row).isPresent() ? 1 : 0;
        }
        return found;
    }

    // ---- Raw JDBC, one statement per type

    private static final String PAGE_SQL = "select id, user_id, action, content_type_id, object_id, created_at "
            + "from example.activity where user_id = ? order by id limit ?";

    @Benchmark
    public int rawJdbcPerType() throws SQLException {
        List<Activity> page = rawPage();
        Map<Integer, Set<Long>> ids = new HashMap<>();
        for (Activity a : page) {
            if (a.contentTypeId() != null && a.objectId() != null) {
                ids.computeIfAbsent(a.contentTypeId(), t -> new LinkedHashSet<>()).add(a.objectId());
            }
        }
        Map<Long, Video> videos = new HashMap<>();
        Map<Long, Song> songs = new HashMap<>();
        Map<Long, Post> posts = new HashMap<>();
        Map<Long, Bookmark> bookmarks = new HashMap<>();
        query("select id, title, uploader_id from example.video where id = any(?)", ids.get(videoType),
                rs -> videos.put(rs.getLong(1), video(rs, 1)));
        query("select id, title, artist from example.song where id = any(?)", ids.get(songType),
                rs -> songs.put(rs.getLong(1), song(rs, 1)));
        query("select id, title, body, author_id from example.post where id = any(?)", ids.get(postType),
                rs -> posts.put(rs.getLong(1), post(rs, 1)));
        query("select id, url from example.bookmark where id = any(?)", ids.get(bookmarkType),
                rs -> bookmarks.put(rs.getLong(1), bookmark(rs, 1)));
        int found = 0;
        for (Activity a : page) {
            if (a.contentTypeId() == null || a.objectId() == null) {
                continue;
            }
            int type = a.contentTypeId();
            Object target = type == videoType ? videos.get(a.objectId())
                    : type == songType ? songs.get(a.objectId())
                    : type == postType ? posts.get(a.objectId())
                    : type == bookmarkType ? bookmarks.get(a.objectId()) : null;
            found += target != null ? 1 : 0;
        }
        return found;
    }

    // ---- Hand-written JDBC into jOOQ's generated records: what Polyref returns, built by hand

    /**
     * The same statements as {@link #rawJdbcPerType}, but every row read into its table's generated jOOQ record
     * the way a hand-written loader would (attached, typed setters, then marked unchanged, as {@code fetch()}
     * returns them): what Polyref returns, at the least a jOOQ record costs through its public API. The gap
     * from {@link #rawJdbcPerType} is the cost of jOOQ's records; the gap from here to {@link #polyrefFetch} is
     * Polyref's (and jOOQ's statements').
     */
    @Benchmark
    public int rawJdbcIntoJooqRecords() throws SQLException {
        return jdbcTargetsIntoRecords(jdbcPageIntoRecords());
    }

    /** {@link #rawJdbcIntoJooqRecords}'s page: the page query by hand into the generated records. */
    public List<ActivityRecord> jdbcPageIntoRecords() throws SQLException {
        org.jooq.Configuration configuration = dsl.configuration();
        List<ActivityRecord> page = new ArrayList<>(size);
        try (PreparedStatement ps = connection.prepareStatement(PAGE_SQL)) {
            ps.setLong(1, 1L);
            ps.setInt(2, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ActivityRecord a = new ActivityRecord();
                    a.attach(configuration);
                    a.setId(rs.getLong(1)).setUserId(rs.getLong(2)).setAction(rs.getString(3))
                            .setContentTypeId((Integer) rs.getObject(4)).setObjectId((Long) rs.getObject(5))
                            .setCreatedAt(rs.getObject(6, OffsetDateTime.class)).changed(false);
                    page.add(a);
                }
            }
        }
        return page;
    }

    /**
     * {@link #rawJdbcIntoJooqRecords}'s second half: a page's ids grouped by type, one statement per type by hand
     * into the generated records, then every row's target looked up.
     *
     * @return how many targets were found
     */
    public int jdbcTargetsIntoRecords(List<ActivityRecord> page) throws SQLException {
        org.jooq.Configuration configuration = dsl.configuration();
        Map<Integer, Set<Long>> ids = new HashMap<>();
        for (ActivityRecord a : page) {
            if (a.getContentTypeId() != null && a.getObjectId() != null) {
                ids.computeIfAbsent(a.getContentTypeId(), t -> new LinkedHashSet<>()).add(a.getObjectId());
            }
        }
        Map<Long, VideoRecord> videos = new HashMap<>();
        Map<Long, SongRecord> songs = new HashMap<>();
        Map<Long, PostRecord> posts = new HashMap<>();
        Map<Long, BookmarkRecord> bookmarks = new HashMap<>();
        query("select id, title, uploader_id from example.video where id = any(?)", ids.get(videoType), rs -> {
            VideoRecord v = new VideoRecord();
            v.attach(configuration);
            v.setId(rs.getLong(1)).setTitle(rs.getString(2)).setUploaderId((Long) rs.getObject(3)).changed(false);
            videos.put(v.getId(), v);
        });
        query("select id, title, artist from example.song where id = any(?)", ids.get(songType), rs -> {
            SongRecord v = new SongRecord();
            v.attach(configuration);
            v.setId(rs.getLong(1)).setTitle(rs.getString(2)).setArtist(rs.getString(3)).changed(false);
            songs.put(v.getId(), v);
        });
        query("select id, title, body, author_id from example.post where id = any(?)", ids.get(postType), rs -> {
            PostRecord v = new PostRecord();
            v.attach(configuration);
            v.setId(rs.getLong(1)).setTitle(rs.getString(2)).setBody(rs.getString(3))
                    .setAuthorId((Long) rs.getObject(4)).changed(false);
            posts.put(v.getId(), v);
        });
        query("select id, url from example.bookmark where id = any(?)", ids.get(bookmarkType), rs -> {
            BookmarkRecord v = new BookmarkRecord();
            v.attach(configuration);
            v.setId(rs.getLong(1)).setUrl(rs.getString(2)).changed(false);
            bookmarks.put(v.getId(), v);
        });
        int found = 0;
        for (ActivityRecord a : page) {
            if (a.getContentTypeId() == null || a.getObjectId() == null) {
                continue;
            }
            int type = a.getContentTypeId();
            Object target = type == videoType ? videos.get(a.getObjectId())
                    : type == songType ? songs.get(a.getObjectId())
                    : type == postType ? posts.get(a.getObjectId())
                    : type == bookmarkType ? bookmarks.get(a.getObjectId()) : null;
            found += target != null ? 1 : 0;
        }
        return found;
    }

    // ---- Hand-written jOOQ: what a jOOQ user writes without Polyref

    /**
     * The page through jOOQ's {@code fetch()}, its ids grouped by type, one {@code id = any(?)} statement per
     * type through jOOQ ({@code selectFrom(VIDEO).where(VIDEO.ID.eq(any(ids)))}), targets in a map per type.
     */
    @Benchmark
    public int jooqByHand() {
        Result<ActivityRecord> page = page();
        Map<Integer, Set<Long>> ids = new HashMap<>();
        for (ActivityRecord a : page) {
            if (a.getContentTypeId() != null && a.getObjectId() != null) {
                ids.computeIfAbsent(a.getContentTypeId(), t -> new LinkedHashSet<>()).add(a.getObjectId());
            }
        }
        Map<Long, VideoRecord> videos = byId(VIDEO, VIDEO.ID, ids.get(videoType));
        Map<Long, SongRecord> songs = byId(SONG, SONG.ID, ids.get(songType));
        Map<Long, PostRecord> posts = byId(POST, POST.ID, ids.get(postType));
        Map<Long, BookmarkRecord> bookmarks = byId(BOOKMARK, BOOKMARK.ID, ids.get(bookmarkType));
        int found = 0;
        for (ActivityRecord a : page) {
            if (a.getContentTypeId() == null || a.getObjectId() == null) {
                continue;
            }
            int type = a.getContentTypeId();
            Object target = type == videoType ? videos.get(a.getObjectId())
                    : type == songType ? songs.get(a.getObjectId())
                    : type == postType ? posts.get(a.getObjectId())
                    : type == bookmarkType ? bookmarks.get(a.getObjectId()) : null;
            found += target != null ? 1 : 0;
        }
        return found;
    }

    private <R extends org.jooq.TableRecord<R>> Map<Long, R> byId(org.jooq.Table<R> table,
            org.jooq.TableField<R, Long> id, Set<Long> ids) {
        return ids == null ? Map.of()
                : dsl.selectFrom(table).where(id.eq(DSL.any(ids.toArray(Long[]::new)))).fetchMap(id);
    }

    /** The raw baseline's page alone (for {@link AllocationProbe}'s breakdown; not a benchmark). */
    int rawPageOnly() throws SQLException {
        return rawPage().size();
    }

    private List<Activity> rawPage() throws SQLException {
        List<Activity> page = new ArrayList<>(size);
        try (PreparedStatement ps = connection.prepareStatement(PAGE_SQL)) {
            ps.setLong(1, 1L);
            ps.setInt(2, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(activity(rs));
                }
            }
        }
        return page;
    }

    /** The Polyref variants' page alone: the application's own jOOQ {@code fetch()}. */
    int jooqPageOnly() {
        return page().size();
    }

    private Result<ActivityRecord> cachedPage;

    /** Polyref's part alone: prefetch and look up over a page read once (for {@link AllocationProbe}). */
    int prefetchOnly() {
        if (cachedPage == null) {
            cachedPage = page();
        }
        return count(cachedPage, resolver.prefetch(ACTIVITY_TARGET, cachedPage));
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Set<Long> ids, RowReader reader) throws SQLException {
        if (ids == null) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("int8", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
            array.free();
        }
    }

    private static Activity activity(ResultSet rs) throws SQLException {
        return new Activity(rs.getLong(1), rs.getLong(2), rs.getString(3), (Integer) rs.getObject(4),
                (Long) rs.getObject(5), rs.getObject(6, OffsetDateTime.class));
    }

    private static Video video(ResultSet rs, int c) throws SQLException {
        return new Video(rs.getLong(c), rs.getString(c + 1), (Long) rs.getObject(c + 2));
    }

    private static Song song(ResultSet rs, int c) throws SQLException {
        return new Song(rs.getLong(c), rs.getString(c + 1), rs.getString(c + 2));
    }

    private static Post post(ResultSet rs, int c) throws SQLException {
        return new Post(rs.getLong(c), rs.getString(c + 1), rs.getString(c + 2), (Long) rs.getObject(c + 3));
    }

    private static Bookmark bookmark(ResultSet rs, int c) throws SQLException {
        return new Bookmark(rs.getLong(c), rs.getString(c + 1));
    }

    // ---- Raw JDBC, one query: the page LEFT JOIN LATERAL each type

    private static final String LATERAL_SQL = """
            select a.id, a.user_id, a.action, a.content_type_id, a.object_id, a.created_at,
                   v.id, v.title, v.uploader_id, s.id, s.title, s.artist,
                   p.id, p.title, p.body, p.author_id, b.id, b.url
            from (select * from example.activity where user_id = ? order by id limit ?) a
            left join lateral (select * from example.video v
                               where a.content_type_id = ? and v.id = a.object_id) v on true
            left join lateral (select * from example.song s
                               where a.content_type_id = ? and s.id = a.object_id) s on true
            left join lateral (select * from example.post p
                               where a.content_type_id = ? and p.id = a.object_id) p on true
            left join lateral (select * from example.bookmark b
                               where a.content_type_id = ? and b.id = a.object_id) b on true
            order by a.id""";

    @Benchmark
    public int rawJdbcLateral() throws SQLException {
        List<Activity> page = new ArrayList<>(size);
        List<Object> targets = new ArrayList<>(size);
        try (PreparedStatement ps = connection.prepareStatement(LATERAL_SQL)) {
            ps.setLong(1, 1L);
            ps.setInt(2, size);
            ps.setInt(3, videoType);
            ps.setInt(4, songType);
            ps.setInt(5, postType);
            ps.setInt(6, bookmarkType);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(activity(rs));
                    rs.getLong(7);
                    Object target = !rs.wasNull() ? video(rs, 7) : null;
                    if (target == null) {
                        rs.getLong(10);
                        target = !rs.wasNull() ? song(rs, 10) : null;
                    }
                    if (target == null) {
                        rs.getLong(13);
                        target = !rs.wasNull() ? post(rs, 13) : null;
                    }
                    if (target == null) {
                        rs.getLong(17);
                        target = !rs.wasNull() ? bookmark(rs, 17) : null;
                    }
                    targets.add(target);
                }
            }
        }
        int found = 0;
        for (Object target : targets) {
            found += target != null ? 1 : 0;
        }
        return found;
    }
}
