package dev.polyref.generic;

import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * {@link GenericResolver#stream}: a cursor over the referencing rows with a JDBC fetch size of one chunk, and one
 * prefetch per chunk. Memory holds one chunk of rows and its targets, whatever the query's size; the statements
 * are the query's one plus a chunk's prefetch (one per content type in it). Whole rows of one table are read
 * from the JDBC result set into the table's records ({@link TargetReader.Rows}), as
 * {@link GenericResolver#fetch} reads them; other queries through a jOOQ {@link Cursor}.
 */
final class StreamResolver {

    private StreamResolver() {}

    static <R extends Record> Stream<Resolved<R>> stream(DSLContext dsl, DefaultGenericResolver resolver,
            GenericKey<?, ?> key, ResultQuery<R> rows, int chunk, GenericPrefetch<?>[] perType) {
        // The fetch size on a derived configuration, not on the caller's query: pgjdbc then reads `chunk` rows
        // per round trip (inside a transaction; in auto-commit mode it reads the whole result first)
        Settings settings = (Settings) dsl.settings().clone();
        DSLContext fetching = DSL.using(dsl.configuration().derive(settings.withFetchSize(chunk)));
        // Whole rows of one table are read past jOOQ's record building, as GenericResolver.fetch reads them
        Table<?> table = TargetReader.wholeRowsOf(dsl, rows);
        Source<R> source = table == null ? cursor(fetching.fetchLazy(rows))
                : direct(TargetReader.Rows.open(fetching, table, TargetReader.execute(fetching, rows), chunk));
        ChunkSpliterator<R> chunks = new ChunkSpliterator<>(source, resolver, key, chunk, perType);
        return StreamSupport.stream(chunks, false).onClose(source::close);
    }

    /** Where a stream's rows come from: the next rows, at most {@code max} (empty at the end), and closing. */
    private interface Source<R extends Record> extends AutoCloseable {
        List<R> next(int max);

        @Override
        void close();
    }

    private static <R extends Record> Source<R> cursor(Cursor<R> cursor) {
        return new Source<>() {
            @Override
            public List<R> next(int max) {
                return cursor.fetchNext(max);
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> Source<R> direct(TargetReader.Rows rows) {
        return new Source<>() {
            @Override
            public List<R> next(int max) {
                return (List<R>) (List<?>) rows.next(max);
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /** Reads a chunk, prefetches its targets, hands its pairs out one by one, then reads the next. */
    private static final class ChunkSpliterator<R extends Record> extends Spliterators.AbstractSpliterator<Resolved<R>> {

        private final Source<R> source;
        private final DefaultGenericResolver resolver;
        private final GenericKey<?, ?> key;
        private final int chunk;
        private final GenericPrefetch<?>[] perType;
        private List<Resolved<R>> current = List.of();
        private int next;

        ChunkSpliterator(Source<R> source, DefaultGenericResolver resolver, GenericKey<?, ?> key, int chunk,
                GenericPrefetch<?>[] perType) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.source = source;
            this.resolver = resolver;
            this.key = key;
            this.chunk = chunk;
            this.perType = perType;
        }

        @Override
        public boolean tryAdvance(Consumer<? super Resolved<R>> action) {
            if (next == current.size() && !readChunk()) {
                return false;
            }
            action.accept(current.get(next++));
            return true;
        }

        private boolean readChunk() {
            List<R> rows = source.next(chunk);
            if (rows.isEmpty()) {
                source.close();
                return false;
            }
            current = resolver.resolve(key, rows, perType);
            next = 0;
            return true;
        }
    }
}
