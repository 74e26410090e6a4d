package dev.polyref.generic;

import dev.polyref.InvalidArgumentException;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.Model;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads, writes and loads generic keys: Django's {@code GenericForeignKey} descriptor and
 * {@code prefetch_related} over jOOQ, without N+1 queries.
 *
 * <pre>{@code
 * GenericResolver resolver = polyref.using(dsl).resolver();
 *
 * ActivityRecord a = dsl.newRecord(ACTIVITY).setUserId(guido.getId()).setAction("uploaded");
 * resolver.setTarget(GenericKeys.ACTIVITY_TARGET, a, video).store();   // in memory; store() writes
 *
 * Optional<TableRecord<?>> one = resolver.fetchOptional(GenericKeys.ACTIVITY_TARGET, a);   // one statement
 *
 * Result<ActivityRecord> feed = dsl.selectFrom(ACTIVITY).fetch();
 * Prefetched targets = resolver.prefetch(GenericKeys.ACTIVITY_TARGET, feed);   // one statement per type
 * feed.forEach(row -> render(row, targets.find(row)));
 * }</pre>
 *
 * <p><b>Statements.</b> {@link #prefetch(GenericKey, Collection, GenericPrefetch...)} groups the refs by
 * content type and runs one {@code SELECT ... WHERE pk = ANY(?)} per type, binding one array, plus at most one
 * catalogue query for content types not yet cached, plus one statement per foreign key or link table and level
 * of nested loading ({@link GenericPrefetch#withParent}, {@link GenericPrefetch#withMany}), for all rows at once.
 * Each type's distinct ids are split into chunks of {@link #chunkSize()} (default 10,000), one statement
 * each. With {@link #withOneRoundTrip(boolean)} the per-type statements go to the server together, in one JDBC
 * call and one network round trip while they total at most {@link #ONE_ROUND_TRIP_BYTES}, in several beyond.
 *
 * <p><b>Stale content types.</b> A ref whose content type has no known model (see
 * {@link ContentTypeRegistry#findModel}) cannot be loaded: {@link dev.polyref.StaleContentTypeException}.
 *
 * <p>Obtained from {@link dev.polyref.PolyrefContext#resolver()}: statements run on the context it was bound to.
 * Immutable; the {@code with...} methods return new resolvers.
 */
public interface GenericResolver {

    /** The default {@link #chunkSize()}: ids per statement. */
    int DEFAULT_CHUNK_SIZE = 10_000;

    /**
     * The most bytes one JDBC call sends in {@linkplain #withOneRoundTrip(boolean) one-round-trip mode}: 64,000,
     * the buffering pgjdbc itself counts on (its {@code MAX_BUFFERED_RECV_BYTES}). A statement counts its SQL
     * text in UTF-8 plus 100 bytes, and each id it binds: a number's digits (and sign) plus 1, a uuid 39, a text
     * id its UTF-8 bytes plus 3 plus 1 per {@code "} or {@code \}. So 64,000 bytes hold almost 8,000 ids of 7
     * digits, or 1,600 uuids, less the SQL of the statements.
     */
    int ONE_ROUND_TRIP_BYTES = 64_000;

    /**
     * @param chunkSize the most ids one per-type statement binds, at least 1
     * @return a copy with that chunk size
     */
    GenericResolver withChunkSize(int chunkSize);

    /** @return the most ids one per-type statement binds */
    int chunkSize();

    /**
     * Whether a prefetch sends its per-type statements to the server together, in one JDBC call returning several
     * result sets, instead of one call per statement. Nested parents ({@link GenericPrefetch#withParent}) follow
     * in one more call per foreign key.
     *
     * <p><b>When it takes more than one call.</b> pgjdbc writes a whole call before reading its answers, and
     * the server answers while it reads: a call larger than the socket buffers can block both sides forever. So
     * one call carries at most {@link #ONE_ROUND_TRIP_BYTES}: a prefetch whose statements total more (measured as
     * there) is cut into several calls, one network round trip each. The ids of a type are then chunked to fit
     * (at most {@link #chunkSize()} ids and what fits in the budget beside the statement's SQL), and the
     * statements are packed in order, a call closing when the next statement would pass the budget. A prefetch
     * under the budget, such as a page of a feed, still takes exactly one call and one round trip.
     *
     * @param oneRoundTrip whether per-type statements are sent together
     * @return a copy with that setting
     */
    GenericResolver withOneRoundTrip(boolean oneRoundTrip);

    /** @return whether per-type statements are sent together (see {@link #withOneRoundTrip(boolean)}) */
    boolean oneRoundTrip();

    /**
     * A ref to a stored record.
     *
     * @param target a record of a catalogued table with a single-column primary key
     * @param <T>    its type
     * @return its ref
     * @throws dev.polyref.UnsavedTargetException if its primary key is null
     * @throws dev.polyref.UnknownContentTypeException if its table is not in the catalogue
     */
    <T extends TableRecord<T>> GenericRef<T> ref(T target);

    /**
     * A ref built from a primary key.
     *
     * @param type a content type such as {@code Models.VIDEO}
     * @param id   a primary key value
     * @param <T>  the record type
     * @param <K>  the key type
     * @return the ref
     */
    <T extends TableRecord<T>, K> GenericRef<T> ref(Model<T, K> type, K id);

    /**
     * Reads a generic key from a row (Django's {@code content_type_id} and {@code object_id}).
     *
     * @param key the generic key
     * @param row a row holding both of its columns
     * @return the ref, or empty when either column is null
     * @throws dev.polyref.ObjectIdCoercionException if the object id cannot be coerced to the target's key
     * @throws dev.polyref.UnknownContentTypeException if the content type id is not in the catalogue
     */
    Optional<GenericRef<TableRecord<?>>> findRef(GenericKey<?, ?> key, Record row);

    /**
     * Points a generic key at a record (Django's {@code obj.content_object = target}): sets both columns
     * of {@code row}, in memory; store the row to save it. Null clears both columns.
     *
     * @param key    the generic key
     * @param row    a record of the key's table
     * @param target a stored record, or null
     * @param <R>    the key's table's record type
     * @return {@code row}
     * @throws dev.polyref.UnsavedTargetException if the target's primary key is null; {@code row} is unchanged
     * @throws dev.polyref.TypeNotAllowedException if the key may not point at the target's table
     * @throws dev.polyref.ObjectIdCoercionException if the object-id column cannot hold the target's key
     */
    <R extends TableRecord<R>> R setTarget(GenericKey<R, ?> key, R row, @Nullable TableRecord<?> target);

    /**
     * Loads the target of one ref with one statement.
     *
     * @param ref a ref
     * @param <T> its target type
     * @return the target, or empty if it was deleted
     * @throws dev.polyref.ObjectIdCoercionException if the ref's id cannot be coerced to the target's key
     * @throws dev.polyref.StaleContentTypeException if the ref's content type has no known model
     */
    <T extends TableRecord<?>> Optional<T> fetchOptional(GenericRef<T> ref);

    /**
     * Loads the target of a row's generic key: one statement (two if its content type is not cached yet).
     *
     * @param key the generic key
     * @param row a row holding both columns
     * @return the target, or empty if a column is null or the target was deleted
     */
    Optional<TableRecord<?>> fetchOptional(GenericKey<?, ?> key, Record row);

    /**
     * Loads the targets of many rows: Django's {@code prefetch_related('content_object')}.
     *
     * @param key     the generic key
     * @param rows    rows holding both of its columns
     * @param perType at most one customisation per content type
     * @return the loaded targets, looked up by row or ref
     * @throws InvalidArgumentException if two customisations name the same type
     * @throws dev.polyref.ObjectIdCoercionException if any object id cannot be coerced (nothing is loaded)
     */
    Prefetched prefetch(GenericKey<?, ?> key, Collection<? extends Record> rows,
            GenericPrefetch<?>... perType);

    /**
     * Loads the targets of many refs. The result answers {@link Prefetched#find(GenericRef)}, not
     * {@link Prefetched#find(Record)}.
     *
     * @param refs    refs, nulls allowed and ignored
     * @param perType at most one customisation per content type
     * @return the loaded targets
     */
    Prefetched prefetch(Collection<? extends @Nullable GenericRef<?>> refs, GenericPrefetch<?>... perType);

    /**
     * Runs a query and loads its rows' targets: each row with its target, in the query's order. The same as
     * {@code prefetch(key, dsl.fetch(rows), perType)} followed by {@code find(row)} per row, and the statements
     * are the same (the query, then one per content type), but faster: when the query returns whole rows of one
     * table ({@code selectFrom(ACTIVITY)...}), Polyref reads them from the JDBC result set itself instead of
     * through jOOQ's record building, about half of a page's read time (docs/performance.md). The records are the
     * ones {@code fetch()} returns: the table's record type, attached, unchanged, the same values. Any other
     * query is read by jOOQ's {@code fetch()}.
     *
     * <pre>{@code
     * List<Resolved<ActivityRecord>> page = resolver.fetch(GenericKeys.ACTIVITY_TARGET,
     *         dsl.selectFrom(ACTIVITY).where(ACTIVITY.USER_ID.eq(userId)).orderBy(ACTIVITY.ID.desc()).limit(50));
     * page.forEach(r -> render(r.row(), r.findTarget()));
     * }</pre>
     *
     * @param key     the generic key
     * @param rows    a query returning rows holding both of its columns, run on this resolver's context
     * @param perType at most one customisation per content type
     * @param <R>     the rows' record type
     * @return the rows in the query's order, each with its target (empty when the key is null or dangling);
     *         unmodifiable
     * @throws InvalidArgumentException if two customisations name the same type (before the query runs)
     * @throws dev.polyref.ObjectIdCoercionException if any object id cannot be coerced (no target is loaded)
     */
    <R extends Record> List<Resolved<R>> fetch(GenericKey<?, ?> key, ResultQuery<R> rows,
            GenericPrefetch<?>... perType);

    /**
     * Resolves the rows of a query of any size in bounded memory: a cursor over the rows, read {@code chunk} rows
     * at a time, each chunk's targets loaded as {@link #prefetch(GenericKey, Collection, GenericPrefetch...)}
     * loads them (one statement per content type in the chunk, see there), then handed out row by row with
     * the row's target. Memory holds one chunk of rows and its targets, never the whole result.
     *
     * <pre>{@code
     * dsl.transaction(tx -> {
     *     GenericResolver resolver = polyref.using(tx.dsl()).resolver();
     *     try (Stream<Resolved<ActivityRecord>> feed = resolver.stream(GenericKeys.ACTIVITY_TARGET,
     *             tx.dsl().selectFrom(ACTIVITY).orderBy(ACTIVITY.ID), 10_000)) {
     *         feed.forEach(r -> export(r.row(), r.findTarget()));
     *     }
     * });
     * }</pre>
     *
     * <p><b>Close the stream</b> (try-with-resources): until it is read to its end or closed it holds an open
     * JDBC result set. <b>Run it in a transaction</b>: the rows are fetched {@code chunk} at a time (JDBC fetch
     * size), which pgjdbc honours only with auto-commit off; in auto-commit mode it reads the whole result into
     * memory first. Targets are read as of each chunk's prefetch (under READ COMMITTED a target deleted while the
     * stream runs may already be missing; use REPEATABLE READ for one snapshot). Not parallel.
     *
     * @param key     the generic key
     * @param rows    a query returning rows holding both of its columns, run on this resolver's context
     * @param chunk   rows per chunk (and per fetch), at least 1; 1,000 to 10,000 is a good range
     * @param perType at most one customisation per content type
     * @param <R>     the rows' record type
     * @return the rows in the query's order, each with its target; close it
     * @throws InvalidArgumentException if {@code chunk} is less than 1 or two customisations name the same type
     * @throws dev.polyref.ObjectIdCoercionException while streaming, if a chunk holds an object id that cannot be
     *         coerced
     */
    <R extends Record> Stream<Resolved<R>> stream(GenericKey<?, ?> key, ResultQuery<R> rows, int chunk,
            GenericPrefetch<?>... perType);

    /** @return conditions on generic keys, using this resolver's catalogue */
    GenericConditions conditions();
}
