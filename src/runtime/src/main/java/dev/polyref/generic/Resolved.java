package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.Model;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * One row of a {@linkplain GenericResolver#stream streamed} query and the target of its generic key.
 *
 * <pre>{@code
 * try (Stream<Resolved<ActivityRecord>> feed = resolver.stream(GenericKeys.ACTIVITY_TARGET,
 *         dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID), 10_000)) {
 *     feed.forEach(r -> render(r.row(), r.findTarget()));
 * }
 * }</pre>
 *
 * <p>Immutable (the records it holds are jOOQ's, and as mutable as ever).
 *
 * @param <R> the row's record type
 */
public final class Resolved<R extends Record> {

    private final R row;
    private final @Nullable TableRecord<?> target;

    Resolved(R row, @Nullable TableRecord<?> target) {
        this.row = row;
        this.target = target;
    }

    /** @return the row, as the query returned it */
    public R row() {
        return row;
    }

    /** @return the row's target; empty when its key is null or the target does not exist (dangling) */
    public Optional<TableRecord<?>> findTarget() {
        return Optional.ofNullable(target);
    }

    /**
     * @param type the expected target type
     * @param <T>  its record type
     * @return the row's target if it is of that type
     */
    public <T extends TableRecord<T>> Optional<T> findTarget(Model<T, ?> type) {
        Class<? extends T> recordType = requireNonNull(type, "type").recordType();
        return recordType.isInstance(target) ? Optional.of((T) recordType.cast(target)) : Optional.empty();
    }

    /** @return the row and its target, for messages */
    @Override
    public String toString() {
        return "Resolved[" + row + " -> " + target + "]";
    }
}
