package dev.polyref.generic;

import dev.polyref.InvalidArgumentException;
import dev.polyref.catalogue.Model;
import java.util.List;
import java.util.Optional;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.TableRecord;

/**
 * The targets a {@link GenericResolver} loaded in one prefetch: a detached result, looked up by row or by ref
 * without any statement (it holds no connection) and without converting a loaded row's id again. Null refs,
 * dangling refs (target deleted), rows of content types that were not loaded and targets excluded by a
 * {@link GenericPrefetch} condition give empty.
 *
 * <pre>{@code
 * Prefetched targets = resolver.prefetch(GenericKeys.ACTIVITY_TARGET, activities);
 * for (ActivityRecord a : activities) {
 *     Optional<TableRecord<?>> target = targets.find(a);
 *     Optional<VideoRecord> video = targets.find(a, Models.VIDEO);   // empty unless a video
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe (the records it returns are jOOQ's mutable records, shared between lookups).
 * It holds each distinct target once, so its memory is linear in the number of distinct targets.
 */
public interface Prefetched {

    /**
     * @param row a row holding the generic key this was prefetched for (a record of its table, or any record
     *            with both columns)
     * @return the row's target
     * @throws InvalidArgumentException if this was prefetched from refs rather than rows
     * @throws dev.polyref.ObjectIdCoercionException if the row was not loaded and its object id cannot be coerced
     */
    Optional<TableRecord<?>> find(Record row);

    /**
     * @param row  a row holding the generic key this was prefetched for
     * @param type the expected target type
     * @param <T>  its record type
     * @return the row's target if it is of that type
     */
    <T extends TableRecord<T>> Optional<T> find(Record row, Model<T, ?> type);

    /**
     * @param ref a ref (its object id is coerced to the target's key type first)
     * @param <T> the ref's target type
     * @return its target
     */
    <T extends TableRecord<?>> Optional<T> find(GenericRef<T> ref);

    /**
     * @param type a content type
     * @param <T>  its record type
     * @return every loaded target of that type, each once, in no particular order
     */
    <T extends TableRecord<T>> List<T> targets(Model<T, ?> type);

    /**
     * A parent loaded by {@link GenericPrefetch#withParent(ForeignKey)}, or by
     * {@link NestedPrefetch#withParent(ForeignKey)} at any level (then {@code target} is a loaded parent or related
     * row).
     *
     * @param target     a loaded target (or a loaded row of a nested level)
     * @param foreignKey the key named in the prefetch (any number of columns)
     * @param <T>        the target type
     * @param <P>        the parent type
     * @return the parent, or empty when a column of the target's foreign key is null or the parent is missing
     * @throws InvalidArgumentException if that key was not prefetched
     */
    <T extends TableRecord<T>, P extends Record> Optional<P> findParent(T target, ForeignKey<T, P> foreignKey);

    /**
     * The rows related to a loaded row through a link table, loaded by
     * {@link GenericPrefetch#withMany(ForeignKey, ForeignKey)} or {@link NestedPrefetch#withMany} at any level:
     * Django's {@code playlist.videos.all()} after {@code prefetch_related}.
     *
     * <pre>{@code
     * List<VideoRecord> videos = targets.related(playlist,
     *         Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY, Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_VIDEO_ID_FKEY);
     * }</pre>
     *
     * @param row   a loaded target (or a loaded row of a nested level)
     * @param link  the link table's key to the row's table, as named in the prefetch
     * @param other the link table's key to the related table, as named in the prefetch
     * @param <R>   the row's type
     * @param <L>   the link table's record type
     * @param <O>   the related rows' type
     * @return the related rows in the link table's primary-key order (unmodifiable; empty when there are none);
     *         a row related to several loaded rows is the same record in each list
     * @throws InvalidArgumentException if that link was not prefetched
     */
    <R extends Record, L extends Record, O extends Record> List<O> related(R row, ForeignKey<L, R> link,
            ForeignKey<L, O> other);

    /** @return how many distinct targets were loaded */
    int size();
}
