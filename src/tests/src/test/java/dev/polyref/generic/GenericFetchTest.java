package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.InvalidArgumentException;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.TableRecord;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GenericResolver#fetch}: the rows of a query with their targets. Its rows must be exactly what jOOQ's
 * {@code fetch()} returns (it reads whole-table rows past jOOQ's record building, timestamptz included), its
 * targets what {@code prefetch} finds, with the same statements.
 */
@PolyrefTest
class GenericFetchTest extends ResolverTestBase {

    GenericFetchTest(TestDatabase db) {
        super(db);
    }

    @BeforeEach
    void feed() {
        for (TableRecord<?> target : List.of(data.video, data.song, data.otherVideo, data.post, data.bookmark)) {
            resolver.setTarget(ACTIVITY_TARGET, dsl.newRecord(ACTIVITY).setUserId(data.guido.getId())
                    .setAction("did"), target).store();
        }
        // A dangling key, a null key, and timestamps PostgreSQL prints in unusual ways
        dsl.execute("insert into example.activity (user_id, action, content_type_id, object_id, created_at) values "
                + "({0}, 'dangling', {1}, 999999, '2024-02-29 23:59:59.999999+00'), "
                + "({0}, 'no target', null, null, '0044-03-15 12:00:00+00 BC'), "
                + "({0}, 'old', null, null, '1900-01-01 00:00:00.5+00'), "
                + "({0}, 'before', null, null, '1583-10-15 00:00:00+00')",
                DSL.val(data.guido.getId()), DSL.val(registry.get(Models.VIDEO).id()));
        statements.reset();
    }

    private ResultQuery<ActivityRecord> page() {
        return dsl.selectFrom(ACTIVITY).where(ACTIVITY.USER_ID.eq(data.guido.getId())).orderBy(ACTIVITY.ID);
    }

    @Test
    void rowsAreWhatFetchReturnsAndTargetsWhatPrefetchFinds() {
        Result<ActivityRecord> expected = page().fetch();
        Prefetched prefetched = resolver.prefetch(ACTIVITY_TARGET, expected);
        statements.reset();

        List<Resolved<ActivityRecord>> got = resolver.fetch(ACTIVITY_TARGET, page());

        assertThat(statements.count()).as("the query, then one statement per type (video, song, post, bookmark)")
                .isEqualTo(5);
        assertThat(got).extracting(Resolved::row).containsExactlyElementsOf(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(got.get(i).findTarget()).isEqualTo(prefetched.find(expected.get(i)));
        }
        assertThat(got.get(0).findTarget(Models.VIDEO)).contains(data.video);
        assertThat(got).extracting(r -> r.row().getAction()).endsWith("dangling", "no target", "old", "before");
        assertThat(got.subList(5, 9)).allSatisfy(r -> assertThat(r.findTarget()).isEmpty());
        assertThat(got.get(6).row().getCreatedAt()).isEqualTo(expected.get(6).getCreatedAt());
    }

    /**
     * Each row gets its own target from where grouping put its key, not from a second lookup: repeated targets,
     * interleaved types, rows with no ref, and text object ids standing for a bigint, a uuid and a text key
     * (looked up through their converted keys), in {@code fetch} and in a {@code stream} whose chunks split them.
     */
    @Test
    void repeatedTargetsAndTextObjectIdsArePairedWithTheirOwnRows() {
        for (TableRecord<?> target : List.of(data.song, data.video, data.song)) {
            resolver.setTarget(ACTIVITY_TARGET, dsl.newRecord(ACTIVITY).setUserId(data.guido.getId())
                    .setAction("again"), target).store();
        }
        List<Object> tagged = List.of(data.video, data.document, data.video, data.page, data.song,
                data.document, data.video);
        for (Object target : tagged) {
            resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag("t"),
                    (TableRecord<?>) target).store();
        }
        dsl.insertInto(TAGGED_ITEM, TAGGED_ITEM.TAG, TAGGED_ITEM.CONTENT_TYPE_ID, TAGGED_ITEM.OBJECT_ID)
                .values("dangling", registry.get(Models.VIDEO).id(), "999999").execute();
        List<Object> expectedTags = new ArrayList<>(tagged);
        expectedTags.add(null);
        ResultQuery<TaggedItemRecord> tags = dsl.selectFrom(TAGGED_ITEM).orderBy(TAGGED_ITEM.ID);
        statements.reset();

        List<Resolved<ActivityRecord>> activities = resolver.fetch(ACTIVITY_TARGET, page());
        List<Resolved<TaggedItemRecord>> items = resolver.fetch(TAGGED_ITEM_CONTENT_OBJECT, tags);

        assertThat(activities).extracting(r -> (Object) r.findTarget().orElse(null)).containsExactly(data.video, data.song,
                data.otherVideo, data.post, data.bookmark, null, null, null, null, data.song, data.video, data.song);
        assertThat(items).extracting(r -> (Object) r.findTarget().orElse(null)).containsExactlyElementsOf(expectedTags);
        assertThat(statements.count()).as("each query, then one statement per type in it (4 each)").isEqualTo(1 + 4 + 1 + 4);
        try (Stream<Resolved<TaggedItemRecord>> stream = resolver.stream(TAGGED_ITEM_CONTENT_OBJECT, tags, 3)) {
            assertThat(stream.map(r -> (Object) r.findTarget().orElse(null)).toList())
                    .containsExactlyElementsOf(expectedTags);
        }
    }

    /** The whole-table query is read past jOOQ's record building: jOOQ reports no record events for it. */
    @Test
    void wholeTableRowsAreReadPastJooqsRecordBuildingOtherQueriesThroughIt() {
        int[] records = {0};
        var listening = dsl.configuration().derive(new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void recordEnd(ExecuteContext ctx) {
                records[0]++;
            }
        })).dsl();
        ResultQuery<ActivityRecord> query = listening.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID);
        query.fetch();
        assertThat(records[0]).as("jOOQ's fetch() builds 9 records").isEqualTo(9);
        records[0] = 0;

        root.using(listening).resolver().fetch(ACTIVITY_TARGET, query);
        assertThat(records[0]).as("the light path builds none of the rows (the targets' tables have no "
                + "timestamptz and take it too)").isZero();

        root.using(listening).resolver().fetch(ACTIVITY_TARGET, listening.select(ACTIVITY.CONTENT_TYPE_ID,
                ACTIVITY.OBJECT_ID).from(ACTIVITY));
        assertThat(records[0]).as("a query of some columns goes through jOOQ").isEqualTo(9);
    }

    @Test
    void recordListenersGetTheirLoadEventsFromJooqsFetch() {
        int[] loaded = {0};
        var listening = dsl.configuration().derive(new org.jooq.impl.DefaultRecordListenerProvider(
                new org.jooq.RecordListener() {
                    @Override
                    public void loadEnd(org.jooq.RecordContext ctx) {
                        if (ctx.record() instanceof ActivityRecord) {
                            loaded[0]++;
                        }
                    }
                })).dsl();

        List<Resolved<ActivityRecord>> got = root.using(listening).resolver().fetch(ACTIVITY_TARGET,
                listening.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID));

        assertThat(got).hasSize(9);
        assertThat(loaded[0]).isEqualTo(9);
    }

    @Test
    void rowsAreAttachedUnchangedAndStoreAsAnUpdate() {
        List<Resolved<ActivityRecord>> got = resolver.fetch(ACTIVITY_TARGET, page());
        ActivityRecord row = got.get(0).row();
        assertThat(row.configuration()).as("attached").isNotNull();
        assertThat(row.changed()).isFalse();
        assertThat(row.original()).isEqualTo(row);
        statements.reset();

        row.setAction("edited");
        assertThat(row.store()).isEqualTo(1);

        assertThat(dsl.fetchCount(ACTIVITY)).isEqualTo(9);
        assertThat(dsl.fetchValue(ACTIVITY.ACTION, ACTIVITY.ID.eq(row.getId()))).isEqualTo("edited");
    }

    /**
     * jOOQ reads a timestamptz as text, which carries the session's offset; the light path must give the same
     * offset, or let jOOQ read: a fixed-offset zone (UTC, Etc/GMT-9 = +09:00) is read past jOOQ, a zone with rules
     * (Asia/Tokyo, America/St_Johns at -03:30) and a POSIX form PostgreSQL prints as "<+05>-05" through jOOQ.
     */
    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Etc/GMT-9", "Asia/Tokyo", "America/St_Johns", "+05"})
    void timestampsKeepTheSessionsOffset(String zone) {
        dsl.execute("set time zone " + DSL.inline(zone));
        try {
            Result<ActivityRecord> expected = page().fetch();
            int[] built = {0};
            var listening = dsl.configuration().derive(new DefaultExecuteListenerProvider(new ExecuteListener() {
                @Override
                public void recordEnd(ExecuteContext ctx) {
                    built[0]++;
                }
            })).dsl();

            List<Resolved<ActivityRecord>> got = root.using(listening).resolver().fetch(ACTIVITY_TARGET, page());

            assertThat(built[0]).as("rows jOOQ built").isEqualTo(zone.equals("UTC") || zone.equals("Etc/GMT-9")
                    ? 0 : 9);
            assertThat(got).extracting(Resolved::row).containsExactlyElementsOf(expected);
            OffsetDateTime first = got.get(0).row().getCreatedAt();
            assertThat(first.getOffset()).isEqualTo(expected.get(0).getCreatedAt().getOffset());
            if (zone.equals("Etc/GMT-9")) {
                assertThat(first.getOffset()).isEqualTo(ZoneOffset.ofHours(9));
            }
        } finally {
            dsl.execute("reset time zone");
        }
    }

    /** jOOQ's text parser cannot read 'infinity'; neither does the light path, rather than invent a value. */
    @Test
    void infinityFailsAsInJooqsFetch() {
        dsl.execute("update example.activity set created_at = 'infinity' where action = 'old'");

        assertThatThrownBy(() -> page().fetch()).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> resolver.fetch(ACTIVITY_TARGET, page())).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("created_at").hasMessageContaining("infinity");
    }

    @Test
    void underBindOffsetDateTimeTypeTimestampsAreJooqsGetObject() {
        var bound = dsl.configuration().derive(new Settings().withBindOffsetDateTimeType(true)).dsl();
        GenericResolver boundResolver = root.using(bound).resolver();
        dsl.execute("set time zone 'Etc/GMT-9'");
        try {
            Result<ActivityRecord> expected = bound.fetch(page());

            List<Resolved<ActivityRecord>> got = boundResolver.fetch(ACTIVITY_TARGET, page());

            assertThat(got).extracting(Resolved::row).containsExactlyElementsOf(expected);
        } finally {
            dsl.execute("reset time zone");
        }
    }

    @Test
    void otherQueriesAreReadByJooq() {
        ResultQuery<Record3<Long, Integer, Long>> columns = dsl.select(ACTIVITY.ID, ACTIVITY.CONTENT_TYPE_ID,
                ACTIVITY.OBJECT_ID).from(ACTIVITY).orderBy(ACTIVITY.ID);
        Result<Record3<Long, Integer, Long>> expected = dsl.fetch(columns);
        statements.reset();

        List<Resolved<Record3<Long, Integer, Long>>> got = resolver.fetch(ACTIVITY_TARGET, columns);

        assertThat(statements.count()).isEqualTo(5);
        assertThat(got).extracting(Resolved::row).containsExactlyElementsOf(expected);
        assertThat(got.get(1).findTarget(Models.SONG)).contains(data.song);
    }

    @Test
    void aQueryAttachedElsewhereRunsOnTheResolversContextAndStaysAttachedWhereItWas() {
        ResultQuery<ActivityRecord> detached = DSL.using(dsl.dialect()).selectFrom(ACTIVITY).orderBy(ACTIVITY.ID);
        var before = detached.configuration();

        List<Resolved<ActivityRecord>> got = resolver.fetch(ACTIVITY_TARGET, detached);

        assertThat(got).hasSize(9);
        assertThat(detached.configuration()).isSameAs(before);
        assertThat(got.get(0).row().configuration()).as("the records are attached to the resolver's context")
                .isNotNull();
        assertThat(got).isUnmodifiable();
    }

    @Test
    void badArgumentsFailBeforeAnyStatement() {
        assertThatThrownBy(() -> resolver.fetch(ACTIVITY_TARGET, page(), GenericPrefetch.of(Models.VIDEO),
                GenericPrefetch.of(Models.VIDEO))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> resolver.fetch(null, page())).isInstanceOf(dev.polyref.PolyrefException.class);
        assertThat(statements.count()).isZero();
    }
}
