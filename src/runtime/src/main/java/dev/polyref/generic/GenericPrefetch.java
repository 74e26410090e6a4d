package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.catalogue.Model;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * How the resolver loads the targets of one content type: Django's {@code GenericPrefetch} querysets and
 * Laravel's {@code morphWith}. Types without one are loaded whole.
 *
 * <pre>{@code
 * Prefetched targets = resolver.prefetch(GenericKeys.ACTIVITY_TARGET, activities,
 *         GenericPrefetch.of(Models.VIDEO)
 *                 .select(VIDEO.TITLE)                       // only these columns (and the key)
 *                 .where(VIDEO.TITLE.notLike("%draft%"))     // filtered-out targets resolve to empty
 *                 .withParent(Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY),   // every video's uploader, one statement
 *         GenericPrefetch.of(Models.SONG).select(SONG.TITLE));
 * UsersRecord uploader = targets.parent(video, Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY).orElseThrow();
 * }</pre>
 *
 * <p>Immutable: each method returns a new value.
 *
 * @param model     the content type's table
 * @param fields    the columns to load; empty for all. The primary key and the columns of {@code parents} are
 *                  always added
 * @param condition a further condition; targets it excludes resolve to empty, with no fallback query
 * @param parents   single-column foreign keys from the target table whose parent rows are loaded too, with one
 *                  {@code = ANY(?)} statement per key for all targets
 * @param <T>       the target record type
 */
public record GenericPrefetch<T extends TableRecord<T>>(Model<T, ?> model, List<Field<?>> fields,
        Condition condition, List<ForeignKey<T, ?>> parents) {

    /** Validates the fields and copies the lists. */
    public GenericPrefetch {
        requireNonNull(model, "model");
        fields = List.copyOf(requireNonNull(fields, "fields"));
        requireNonNull(condition, "condition");
        parents = List.copyOf(requireNonNull(parents, "parents"));
        for (ForeignKey<T, ?> parent : parents) {
            if (parent.getFields().size() != 1) {
                throw new MalformedDeclarationException("Foreign key " + parent.getName() + " has "
                        + parent.getFields().size() + " columns; nested prefetch supports single-column keys");
            }
        }
    }

    /**
     * @param model the content type to customise, such as generated {@code Models.VIDEO}
     * @param <T>   its record type
     * @return all columns, no condition, no nested prefetch
     */
    public static <T extends TableRecord<T>> GenericPrefetch<T> of(Model<T, ?> model) {
        return new GenericPrefetch<>(model, List.of(), DSL.noCondition(), List.of());
    }

    /**
     * @param columns the columns to load (the primary key is added); unloaded columns of the records are null
     * @return a copy loading only these columns
     */
    public GenericPrefetch<T> select(Field<?>... columns) {
        return new GenericPrefetch<>(model, List.of(requireNonNull(columns, "columns")), condition, parents);
    }

    /**
     * @param where a condition on the target table, and-ed to any previous one
     * @return a copy with the condition
     */
    public GenericPrefetch<T> where(Condition where) {
        return new GenericPrefetch<>(model, fields, condition.and(requireNonNull(where, "where")), parents);
    }

    /**
     * @param foreignKey a single-column foreign key from the target table, such as generated
     *                   {@code Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY}
     * @return a copy that also loads each target's parent through that key
     */
    public GenericPrefetch<T> withParent(ForeignKey<T, ?> foreignKey) {
        List<ForeignKey<T, ?>> more = new ArrayList<>(parents);
        more.add(requireNonNull(foreignKey, "foreignKey"));
        return new GenericPrefetch<>(model, fields, condition, more);
    }

    /** @return the columns a query selects: all, or the chosen ones plus the key and the parents' columns */
    List<Field<?>> selectedFields() {
        if (fields.isEmpty()) {
            return List.of(model.table().fields());
        }
        List<Field<?>> selected = new ArrayList<>();
        selected.add(model.primaryKey());
        parents.forEach(p -> selected.add(p.getFields().get(0)));
        fields.forEach(selected::add);
        return selected.stream().distinct().toList();
    }
}
