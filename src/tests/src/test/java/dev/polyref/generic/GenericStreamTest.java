package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.InvalidArgumentException;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GenericResolver#stream}: a cursor over the referencing rows, one prefetch per chunk. The feed: 1,003
 * activities over 40 rows each of video, song, post and bookmark, every tenth pointing at a missing row, the
 * last three with a null key.
 */
@PolyrefTest
class GenericStreamTest extends ResolverTestBase {

    private static final int ROWS = 1_000;

    GenericStreamTest(TestDatabase db) {
        super(db);
    }

    @BeforeEach
    void feed() {
        for (String table : List.of("video", "song", "post", "bookmark")) {
            String columns = switch (table) {
                case "video" -> "title) select 'video ' || n";
                case "song" -> "title, artist) select 'song ' || n, 'artist'";
                case "post" -> "title) select 'post ' || n";
                default -> "url) select 'https://example.org/' || n";
            };
            dsl.execute("insert into example." + table + " (" + columns + " from pg_catalog.generate_series(1, 40) n");
        }
        Integer[] types = {registry.get(Models.VIDEO).id(), registry.get(Models.SONG).id(),
                registry.get(Models.POST).id(), registry.get(Models.BOOKMARK).id()};
        // ExampleData left 2 videos, 2 songs, 1 post, 2 bookmarks: ids 1..42 exist (1..41 for posts)
        dsl.execute("""
                insert into example.activity (user_id, action, content_type_id, object_id)
                select {0}, 'did', ({1}::integer[])[n % 4 + 1],
                       case when n % 10 = 9 then 100000 + n else (n / 4) % 40 + 1 end
                from pg_catalog.generate_series(0, {2} - 1) n order by n""".replace("{0}", data.guido.getId()
                .toString()).replace("{1}", "'{" + types[0] + "," + types[1] + "," + types[2] + "," + types[3]
                + "}'").replace("{2}", Integer.toString(ROWS)));
        dsl.execute("insert into example.activity (user_id, action) select " + data.guido.getId()
                + ", 'logged in' from pg_catalog.generate_series(1, 3)");
        statements.reset();
    }

    @Test
    void everyRowComesWithTheTargetPrefetchFindsInTheQuerysOrder() {
        Result<ActivityRecord> all = dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).fetch();
        Prefetched expected = resolver.prefetch(ACTIVITY_TARGET, all);

        List<Resolved<ActivityRecord>> streamed = dsl.transactionResult(tx -> {
            GenericResolver inTx = root.using(tx.dsl()).resolver();
            try (Stream<Resolved<ActivityRecord>> feed = inTx.stream(ACTIVITY_TARGET,
                    tx.dsl().selectFrom(ACTIVITY).orderBy(ACTIVITY.ID), 64)) {
                return feed.toList();
            }
        });

        assertThat(streamed).hasSize(ROWS + 3);
        assertThat(streamed).extracting(r -> r.row().getId()).containsExactlyElementsOf(all.getValues(ACTIVITY.ID));
        for (int i = 0; i < streamed.size(); i++) {
            Optional<TableRecord<?>> want = expected.find(all.get(i));
            Optional<TableRecord<?>> got = streamed.get(i).findTarget();
            assertThat(got.map(TableRecord::getTable)).as("row %s", all.get(i).getId())
                    .isEqualTo(want.map(TableRecord::getTable));
            assertThat(got.map(r -> Arrays.asList(r.intoArray()))).as("row %s", all.get(i).getId())
                    .isEqualTo(want.map(r -> Arrays.asList(r.intoArray())));
        }
        // 10% dangling, 3 null keys: nothing found for them
        assertThat(streamed.stream().filter(r -> r.findTarget().isPresent()).count()).isEqualTo(ROWS - ROWS / 10);
        assertThat(streamed.stream().filter(r -> r.row().getContentTypeId() == null))
                .allSatisfy(r -> assertThat(r.findTarget()).isEmpty());
        assertThat(streamed.get(0).findTarget(Models.VIDEO)).map(VideoRecord::getTitle).contains("cats");
        assertThat(streamed.get(1).findTarget(Models.VIDEO)).isEmpty();
    }

    /**
     * The three ways a stream reads its rows give the same rows and targets: whole rows past jOOQ's record
     * building (UTC), whole rows through jOOQ's bindings when the session's zone has rules (its timestamptz
     * offset), and a query of some columns through a jOOQ cursor.
     */
    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/St_Johns", "columns"})
    void everyReadPathStreamsTheRowsFetchReturns(String how) {
        List<String> expected = dsl.transactionResult(tx -> {
            setZone(tx.dsl(), how);
            Result<? extends org.jooq.Record> rows = tx.dsl().fetch(query(tx.dsl(), how));   // jOOQ's own read
            Prefetched targets = root.using(tx.dsl()).resolver().prefetch(ACTIVITY_TARGET, rows);
            return rows.stream().map(r -> r.intoList() + " -> " + targets.find(r).map(TableRecord::intoList))
                    .toList();
        });
        List<String> streamed = dsl.transactionResult(tx -> {
            setZone(tx.dsl(), how);
            try (Stream<? extends Resolved<?>> feed = root.using(tx.dsl()).resolver().stream(ACTIVITY_TARGET,
                    query(tx.dsl(), how), 64)) {
                return feed.map(r -> r.row().intoList() + " -> " + r.findTarget().map(TableRecord::intoList))
                        .toList();
            }
        });
        assertThat(streamed).hasSize(ROWS + 3).containsExactlyElementsOf(expected);
        if (how.equals("America/St_Johns")) {
            assertThat(streamed.get(0)).as("the session's offset, as jOOQ reads it").contains("-03:30");
        }
    }

    private static void setZone(DSLContext tx, String how) {
        if (!how.equals("columns")) {
            tx.execute("set local time zone " + DSL.inline(how));
        }
    }

    private static org.jooq.ResultQuery<? extends org.jooq.Record> query(DSLContext dsl, String how) {
        return how.equals("columns")
                ? dsl.select(ACTIVITY.ID, ACTIVITY.CONTENT_TYPE_ID, ACTIVITY.OBJECT_ID).from(ACTIVITY).orderBy(ACTIVITY.ID)
                : dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID);
    }

    @Test
    void eachChunkCostsOneStatementPerContentTypeInIt() {
        registry.fetchAll();   // warm: no catalogue query in the count
        StatementCounter counter = new StatementCounter();
        int rows = dsl.transactionResult(tx -> {
            DSLContext counted = DSL.using(tx.derive(new DefaultExecuteListenerProvider(counter)));
            try (Stream<Resolved<ActivityRecord>> feed = root.using(counted).resolver().stream(ACTIVITY_TARGET,
                    counted.selectFrom(ACTIVITY).where(ACTIVITY.CONTENT_TYPE_ID.isNotNull()).orderBy(ACTIVITY.ID),
                    100)) {
                return (int) feed.count();
            }
        });
        assertThat(rows).isEqualTo(ROWS);
        // The cursor's one statement, then 10 chunks of 100 rows, each holding all 4 types
        assertThat(counter.count()).as(counter.statements().toString()).isEqualTo(1 + 10 * 4);
        assertThat(counter.statements().get(0)).contains("from \"example\".\"activity\"");
        assertThat(counter.statements().subList(1, 41)).allSatisfy(sql -> assertThat(sql).contains("any ("));
    }

    @Test
    void rowsAreFetchedOneChunkAtATime() {
        List<Integer> fetchSizes = new ArrayList<>();
        ExecuteListener sizes = new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext ctx) {
                try {
                    fetchSizes.add(ctx.statement().getFetchSize());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Resolved<ActivityRecord> first = dsl.transactionResult(tx -> {
            DSLContext listened = DSL.using(tx.derive(new DefaultExecuteListenerProvider(sizes)));
            try (Stream<Resolved<ActivityRecord>> feed = root.using(listened).resolver().stream(ACTIVITY_TARGET,
                    listened.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID), 50)) {
                return feed.findFirst().orElseThrow();
            }
        });
        assertThat(first.findTarget(Models.VIDEO)).isPresent();
        // The cursor's statement reads 50 rows per round trip; closing after the first chunk ran one prefetch
        assertThat(fetchSizes).first().isEqualTo(50);
        assertThat(fetchSizes).hasSize(1 + 4);
    }

    @Test
    void badArgumentsFailBeforeAnyStatement() {
        var query = dsl.selectFrom(ACTIVITY);
        assertThatThrownBy(() -> resolver.stream(ACTIVITY_TARGET, query, 0))
                .isExactlyInstanceOf(InvalidArgumentException.class).hasMessageContaining("chunk must be at least 1, got 0");
        assertThatThrownBy(() -> resolver.stream(ACTIVITY_TARGET, query, 10, GenericPrefetch.of(Models.VIDEO),
                GenericPrefetch.of(Models.VIDEO)))
                .isExactlyInstanceOf(InvalidArgumentException.class).hasMessageContaining("given twice");
        assertThat(statements.count()).isZero();
    }
}
