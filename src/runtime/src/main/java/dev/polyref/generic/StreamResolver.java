package dev.polyref.generic;

import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * {@link GenericResolver#stream}: a jOOQ {@link Cursor} over the referencing rows with a JDBC fetch size of one
 * chunk, and one prefetch per chunk. Memory holds one chunk of rows and its targets, whatever the query's size;
 * the statements are the cursor's one plus a chunk's prefetch (one per content type in it).
 */
final class StreamResolver {

    private StreamResolver() {}

    static <R extends Record> Stream<Resolved<R>> stream(DSLContext dsl, GenericResolver resolver,
            GenericKey<?, ?> key, ResultQuery<R> rows, int chunk, GenericPrefetch<?>[] perType) {
        // The fetch size on a derived configuration, not on the caller's query: pgjdbc then reads `chunk` rows
        // per round trip (inside a transaction; in auto-commit mode it reads the whole result first)
        Settings settings = (Settings) dsl.settings().clone();
        DSLContext fetching = DSL.using(dsl.configuration().derive(settings.withFetchSize(chunk)));
        Cursor<R> cursor = fetching.fetchLazy(rows);
        ChunkSpliterator<R> chunks = new ChunkSpliterator<>(cursor, resolver, key, chunk, perType);
        return StreamSupport.stream(chunks, false).onClose(cursor::close);
    }

    /** Reads a chunk, prefetches its targets, hands its pairs out one by one, then reads the next. */
    private static final class ChunkSpliterator<R extends Record> extends Spliterators.AbstractSpliterator<Resolved<R>> {

        private final Cursor<R> cursor;
        private final GenericResolver resolver;
        private final GenericKey<?, ?> key;
        private final int chunk;
        private final GenericPrefetch<?>[] perType;
        private List<Resolved<R>> current = List.of();
        private int next;

        ChunkSpliterator(Cursor<R> cursor, GenericResolver resolver, GenericKey<?, ?> key, int chunk,
                GenericPrefetch<?>[] perType) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.cursor = cursor;
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
            Result<R> rows = cursor.fetchNext(chunk);
            if (rows.isEmpty()) {
                cursor.close();
                return false;
            }
            DefaultPrefetched targets = (DefaultPrefetched) resolver.prefetch(key, rows, perType);
            List<Resolved<R>> pairs = new ArrayList<>(rows.size());
            for (R row : rows) {
                pairs.add(new Resolved<>(row, targets.lookUp(row)));
            }
            current = pairs;
            next = 0;
            return true;
        }
    }
}
