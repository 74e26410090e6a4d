package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.InvalidArgumentException;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.ModelType;
import java.util.Collection;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads, writes and loads generic keys: Django's {@code GenericForeignKey} descriptor and
 * {@code prefetch_related} over jOOQ, without N+1 queries.
 *
 * <pre>{@code
 * GenericResolver resolver = GenericResolver.using(dsl, registry);
 *
 * ActivityRecord a = dsl.newRecord(ACTIVITY).setUserId(guido.getId()).setAction("uploaded");
 * resolver.set(GenericKeys.ACTIVITY_TARGET, a, video).store();   // fills content_type_id and object_id
 *
 * Optional<TableRecord<?>> one = resolver.fetchOptional(GenericKeys.ACTIVITY_TARGET, a);   // one statement
 *
 * Result<ActivityRecord> feed = dsl.selectFrom(ACTIVITY).fetch();
 * Prefetched targets = resolver.prefetch(GenericKeys.ACTIVITY_TARGET, feed);   // one statement per type
 * feed.forEach(row -> render(row, targets.get(row)));
 * }</pre>
 *
 * <p><b>Statements.</b> {@link #prefetch(GenericForeignKey, Collection, GenericPrefetch...)} groups the refs by
 * content type and runs one {@code SELECT ... WHERE pk = ANY(?)} per type, binding one array, plus at most one
 * catalogue query for content types not yet cached, plus one statement per {@link GenericPrefetch#withParent}.
 * Each type's distinct ids are split into chunks of {@link #chunkSize()} (default 10,000), one statement
 * each. With {@link #withOneRoundTrip(boolean)} all per-type statements go to the server in one JDBC call.
 *
 * <p><b>Stale content types.</b> A ref whose content type has no known model (see
 * {@link ContentTypeRegistry#model}) cannot be loaded: {@link dev.polyref.StaleContentTypeException}.
 *
 * <p>Immutable, stateless and thread-safe (as thread-safe as the {@code DSLContext} it uses); the
 * {@code with...} methods return new resolvers.
 */
public interface GenericResolver {

    /** The default {@link #chunkSize()}: ids per statement. */
    int DEFAULT_CHUNK_SIZE = 10_000;

    /**
     * @param dsl      where the targets live; statements run through it (and its listeners)
     * @param registry the catalogue of the same database
     * @return a resolver with the default chunk size, one statement per call
     */
    static GenericResolver using(DSLContext dsl, ContentTypeRegistry registry) {
        return new DefaultGenericResolver(requireNonNull(dsl, "dsl"), requireNonNull(registry, "registry"),
                DEFAULT_CHUNK_SIZE, false);
    }

    /**
     * @param chunkSize the most ids one per-type statement binds, at least 1
     * @return a copy with that chunk size
     */
    GenericResolver withChunkSize(int chunkSize);

    /** @return the most ids one per-type statement binds */
    int chunkSize();

    /**
     * @param oneRoundTrip whether a prefetch sends all its per-type statements to the server in one JDBC call
     *                     (several result sets), instead of one call per statement; nested parents follow in
     *                     a second call
     * @return a copy with that setting
     */
    GenericResolver withOneRoundTrip(boolean oneRoundTrip);

    /** @return whether per-type statements are sent in one call */
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
     * @param type a content type such as {@code ContentTypes.VIDEO}
     * @param id   a primary key value
     * @param <T>  the record type
     * @param <K>  the key type
     * @return the ref
     */
    <T extends TableRecord<T>, K> GenericRef<T> ref(ModelType<T, K> type, K id);

    /**
     * Reads a generic key from a row (Django's {@code content_type_id} and {@code object_id}).
     *
     * @param key the generic key
     * @param row a row holding both of its columns
     * @return the ref, or empty when either column is null
     * @throws dev.polyref.ObjectIdCoercionException if the object id cannot be coerced to the target's key
     * @throws dev.polyref.UnknownContentTypeException if the content type id is not in the catalogue
     */
    Optional<GenericRef<TableRecord<?>>> ref(GenericForeignKey<?, ?> key, Record row);

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
    <R extends TableRecord<R>> R set(GenericForeignKey<R, ?> key, R row, @Nullable TableRecord<?> target);

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
    Optional<TableRecord<?>> fetchOptional(GenericForeignKey<?, ?> key, Record row);

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
    Prefetched prefetch(GenericForeignKey<?, ?> key, Collection<? extends Record> rows,
            GenericPrefetch<?>... perType);

    /**
     * Loads the targets of many refs. The result answers {@link Prefetched#get(GenericRef)}, not
     * {@link Prefetched#get(Record)}.
     *
     * @param refs    refs, nulls allowed and ignored
     * @param perType at most one customisation per content type
     * @return the loaded targets
     */
    Prefetched prefetchRefs(Collection<? extends @Nullable GenericRef<?>> refs, GenericPrefetch<?>... perType);

    /** @return conditions on generic keys, using this resolver's catalogue */
    GenericConditions conditions();
}
