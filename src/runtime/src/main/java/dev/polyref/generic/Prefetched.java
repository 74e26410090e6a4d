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
     * A parent loaded by {@link GenericPrefetch#withParent(ForeignKey)}.
     *
     * @param target     a loaded target
     * @param foreignKey the key named in the prefetch
     * @param <T>        the target type
     * @param <P>        the parent type
     * @return the parent, or empty when the target's foreign-key column is null
     * @throws InvalidArgumentException if that key was not prefetched
     */
    <T extends TableRecord<T>, P extends Record> Optional<P> findParent(T target, ForeignKey<T, P> foreignKey);

    /** @return how many distinct targets were loaded */
    int size();
}
