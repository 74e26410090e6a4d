package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * How the resolver loads the targets of one content type: Django's {@code GenericPrefetch} querysets and
 * Laravel's {@code morphWith}, and what it loads under them (Django's {@code prefetch_related} through a
 * {@code GenericForeignKey} then a foreign key or a many-to-many). Types without one are loaded whole.
 *
 * <pre>{@code
 * Prefetched targets = resolver.prefetch(GenericKeys.ACTIVITY_TARGET, activities,
 *         GenericPrefetch.of(Models.VIDEO)
 *                 .select(VIDEO.TITLE)                       // only these columns (and the key)
 *                 .where(VIDEO.TITLE.notLike("%draft%"))     // filtered-out targets resolve to empty
 *                 .withParent(Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY),   // every video's uploader, one statement
 *         GenericPrefetch.of(Models.PLAYLIST)
 *                 .withParent(Keys.PLAYLIST__PLAYLIST_CHANNEL_FKEY,  // a two-column key: one statement
 *                         channel -> channel.withParent(Keys.CHANNEL__CHANNEL_OWNER_ID_FKEY))  // one more
 *                 .withMany(Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY,     // through the link
 *                         Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_VIDEO_ID_FKEY),          // table: one statement
 *         GenericPrefetch.of(Models.SONG).select(SONG.TITLE));
 * UsersRecord uploader = targets.findParent(video, Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY).orElseThrow();
 * List<VideoRecord> videos = targets.related(playlist, Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY,
 *         Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_VIDEO_ID_FKEY);
 * }</pre>
 *
 * <p>Immutable: each method returns a new value.
 *
 * @param model     the content type's table
 * @param fields    the columns to load; empty for all. The primary key, the columns of the parents' foreign keys
 *                  and the columns link tables refer to are always added
 * @param condition a further condition; targets it excludes resolve to empty, with no fallback query
 * @param nested    what to load under the targets: one statement per foreign key and level for all targets (see
 *                  {@link NestedPrefetch})
 * @param <T>       the target record type
 */
public record GenericPrefetch<T extends TableRecord<T>>(Model<T, ?> model, List<Field<?>> fields,
        Condition condition, NestedPrefetch<T> nested) {

    /** Validates the fields and copies the lists. */
    public GenericPrefetch {
        requireNonNull(model, "model");
        fields = List.copyOf(requireNonNull(fields, "fields"));
        requireNonNull(condition, "condition");
        requireNonNull(nested, "nested");
    }

    /**
     * @param model the content type to customise, such as generated {@code Models.VIDEO}
     * @param <T>   its record type
     * @return all columns, no condition, no nested prefetch
     */
    public static <T extends TableRecord<T>> GenericPrefetch<T> of(Model<T, ?> model) {
        return new GenericPrefetch<>(model, List.of(), DSL.noCondition(), NestedPrefetch.none());
    }

    /**
     * @param columns the columns to load (the primary key is added); unloaded columns of the records are null
     * @return a copy loading only these columns
     */
    public GenericPrefetch<T> select(Field<?>... columns) {
        return new GenericPrefetch<>(model, List.of(requireNonNull(columns, "columns")), condition, nested);
    }

    /**
     * @param where a condition on the target table, and-ed to any previous one
     * @return a copy with the condition
     */
    public GenericPrefetch<T> where(Condition where) {
        return new GenericPrefetch<>(model, fields, condition.and(requireNonNull(where, "where")), nested);
    }

    /**
     * @param foreignKey a foreign key from the target table (any number of columns), such as generated
     *                   {@code Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY}
     * @param <P>        the parent's record type
     * @return a copy that also loads each target's parent through that key
     */
    public <P extends Record> GenericPrefetch<T> withParent(ForeignKey<T, P> foreignKey) {
        return new GenericPrefetch<>(model, fields, condition, nested.withParent(foreignKey));
    }

    /**
     * @param foreignKey a foreign key from the target table
     * @param then       what to load under the parents, such as {@code users -> users.withParent(...)}
     * @param <P>        the parent's record type
     * @return a copy that also loads each target's parent, and the parents' own loads one level further down
     */
    public <P extends Record> GenericPrefetch<T> withParent(ForeignKey<T, P> foreignKey,
            UnaryOperator<NestedPrefetch<P>> then) {
        return new GenericPrefetch<>(model, fields, condition, nested.withParent(foreignKey, then));
    }

    /**
     * Django's many-to-many prefetch: the rows a link table relates each target to.
     *
     * @param link  the link table's foreign key to the target table
     * @param other the same link table's foreign key to the related table
     * @param <L>   the link table's record type
     * @param <O>   the related table's record type
     * @return a copy that also loads each target's related rows, read with {@link Prefetched#related}
     * @throws dev.polyref.MalformedDeclarationException if the keys are not two keys of one table
     */
    public <L extends Record, O extends Record> GenericPrefetch<T> withMany(ForeignKey<L, T> link,
            ForeignKey<L, O> other) {
        return new GenericPrefetch<>(model, fields, condition, nested.withMany(link, other));
    }

    /**
     * @param link  the link table's foreign key to the target table
     * @param other the same link table's foreign key to the related table
     * @param then  what to load under the related rows
     * @param <L>   the link table's record type
     * @param <O>   the related table's record type
     * @return a copy that also loads each target's related rows, and their own loads one level further down
     */
    public <L extends Record, O extends Record> GenericPrefetch<T> withMany(ForeignKey<L, T> link,
            ForeignKey<L, O> other, UnaryOperator<NestedPrefetch<O>> then) {
        return new GenericPrefetch<>(model, fields, condition, nested.withMany(link, other, then));
    }

    /**
     * @return the columns a query selects: all, or the chosen ones plus the key and the columns the nested
     *         loads read
     */
    List<Field<?>> selectedFields() {
        if (fields.isEmpty()) {
            return List.of(model.table().fields());
        }
        List<Field<?>> selected = new ArrayList<>();
        selected.add(model.primaryKey());
        nested.parents().forEach(p -> selected.addAll(p.key().getFields()));
        nested.many().forEach(m -> selected.addAll(m.link().getKeyFields()));
        fields.forEach(selected::add);
        return selected.stream().distinct().toList();
    }
}
