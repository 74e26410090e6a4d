package dev.polyref.generic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jooq.Configuration;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.JDBCUtils;

/**
 * {@link GenericResolver#stream}: a cursor over the referencing rows with a JDBC fetch size of one chunk, and one
 * prefetch per chunk. Memory holds one chunk of rows and its targets, whatever the query's size; the statements
 * are the query's one plus a chunk's prefetch (one per content type in it). Whole rows of one table are read
 * from the JDBC result set into the table's records ({@link TargetReader.Rows}), as
 * {@link GenericResolver#fetch} reads them; other queries through a jOOQ {@link Cursor}.
 */
final class StreamResolver {

    private StreamResolver() {}

    static <R extends Record> Stream<Resolved<R>> stream(DSLContext dsl, GenericResolver resolver,
            GenericKey<?, ?> key, ResultQuery<R> rows, int chunk, GenericPrefetch<?>[] perType) {
        // The fetch size on a derived configuration, not on the caller's query: pgjdbc then reads `chunk` rows
        // per round trip (inside a transaction; in auto-commit mode it reads the whole result first)
        Settings settings = (Settings) dsl.settings().clone();
        DSLContext fetching = DSL.using(dsl.configuration().derive(settings.withFetchSize(chunk)));
        // Whole rows of one table are read past jOOQ's record building, as GenericResolver.fetch reads them
        Table<?> table = dsl.configuration().recordListenerProviders().length == 0 ? TargetReader.wholeRowsOf(rows)
                : null;
        Source<R> source = table == null ? cursor(fetching.fetchLazy(rows)) : direct(fetching, table, rows, chunk);
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
    private static <R extends Record> Source<R> direct(DSLContext fetching, Table<?> table, ResultQuery<R> query,
            int chunk) {
        // Run on the stream's context, as fetching.fetchLazy(query) would, then given back to its own
        Configuration previous = query.configuration();
        query.attach(fetching.configuration());
        ResultSet rs;
        try {
            rs = query.fetchResultSet();
        } finally {
            query.attach(previous);
        }
        TargetReader.Rows rows;
        try {
            rows = TargetReader.Rows.open(fetching, table, rs, chunk);
        } catch (SQLException e) {
            JDBCUtils.safeClose(rs);
            throw new DataAccessException("Reading " + table + ": " + e.getMessage(), e);
        }
        return new Source<>() {
            @Override
            public List<R> next(int max) {
                try {
                    return (List<R>) (List<?>) rows.next(max);
                } catch (SQLException e) {
                    throw new DataAccessException("Reading " + table + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                try {
                    rows.close();
                } catch (SQLException e) {
                    throw new DataAccessException("Closing a stream of " + table + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** Reads a chunk, prefetches its targets, hands its pairs out one by one, then reads the next. */
    private static final class ChunkSpliterator<R extends Record> extends Spliterators.AbstractSpliterator<Resolved<R>> {

        private final Source<R> source;
        private final GenericResolver resolver;
        private final GenericKey<?, ?> key;
        private final int chunk;
        private final GenericPrefetch<?>[] perType;
        private List<Resolved<R>> current = List.of();
        private int next;

        ChunkSpliterator(Source<R> source, GenericResolver resolver, GenericKey<?, ?> key, int chunk,
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
