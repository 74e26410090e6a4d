package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.MalformedDeclarationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.Table;

/**
 * What a prefetch loads under rows of one table: their parents through foreign keys (Django's
 * {@code prefetch_related('item__owner')} after a generic key) and their related rows through link tables
 * (a {@code ManyToManyField}'s through table), each possibly with loads of its own one level further down. Every
 * foreign key may have several columns. Each level costs one statement per key, whatever the number of rows:
 * the collected keys travel as one array per column.
 *
 * <pre>{@code
 * GenericPrefetch.of(Models.PLAYLIST)
 *         .withParent(Keys.PLAYLIST__PLAYLIST_CHANNEL_FKEY,                // (owner_id, channel_slug)
 *                 channel -> channel.withParent(Keys.CHANNEL__CHANNEL_OWNER_ID_FKEY))   // the channel's owner
 *         .withMany(Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY,  // link table -> this playlist
 *                 Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_VIDEO_ID_FKEY,       // link table -> the videos
 *                 video -> video.withParent(Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY));
 * }</pre>
 *
 * <p>Immutable: each method returns a new value. The lambdas run once, when the spec is built.
 *
 * @param <R> the record type of the rows the loads hang from
 */
public final class NestedPrefetch<R extends Record> {

    private static final NestedPrefetch<?> NONE = new NestedPrefetch<>(List.of(), List.of());

    private final List<Parent> parents;
    private final List<Many> many;

    private NestedPrefetch(List<Parent> parents, List<Many> many) {
        this.parents = parents;
        this.many = many;
    }

    /**
     * @param <R> the record type of the rows
     * @return nothing to load; the start of a spec
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> NestedPrefetch<R> none() {
        return (NestedPrefetch<R>) NONE;
    }

    /**
     * @param foreignKey a foreign key from this table (any number of columns), such as generated
     *                   {@code Keys.VIDEO__VIDEO_UPLOADER_ID_FKEY}
     * @param <P>        the parent's record type
     * @return a copy that also loads each row's parent through that key
     */
    public <P extends Record> NestedPrefetch<R> withParent(ForeignKey<R, P> foreignKey) {
        return withParent(foreignKey, UnaryOperator.identity());
    }

    /**
     * @param foreignKey a foreign key from this table
     * @param then       what to load under the parents, one level further down, such as
     *                   {@code users -> users.withParent(...)}
     * @param <P>        the parent's record type
     * @return a copy that also loads each row's parent, and the parents' own loads
     */
    public <P extends Record> NestedPrefetch<R> withParent(ForeignKey<R, P> foreignKey,
            UnaryOperator<NestedPrefetch<P>> then) {
        requireNonNull(foreignKey, "foreignKey");
        List<Parent> more = new ArrayList<>(parents);
        more.add(new Parent(foreignKey, nested(then)));
        return new NestedPrefetch<>(List.copyOf(more), many);
    }

    /**
     * @param link  the link table's foreign key to this table, such as
     *              {@code Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_PLAYLIST_ID_FKEY}
     * @param other the same link table's foreign key to the related table, such as
     *              {@code Keys.PLAYLIST_VIDEO__PLAYLIST_VIDEO_VIDEO_ID_FKEY}
     * @param <L>   the link table's record type
     * @param <O>   the related table's record type
     * @return a copy that also loads each row's related rows through the link table
     * @throws MalformedDeclarationException if the two keys are not from the same table
     */
    public <L extends Record, O extends Record> NestedPrefetch<R> withMany(ForeignKey<L, R> link,
            ForeignKey<L, O> other) {
        return withMany(link, other, UnaryOperator.identity());
    }

    /**
     * @param link  the link table's foreign key to this table
     * @param other the same link table's foreign key to the related table
     * @param then  what to load under the related rows, one level further down
     * @param <L>   the link table's record type
     * @param <O>   the related table's record type
     * @return a copy that also loads each row's related rows through the link table, and their own loads
     * @throws MalformedDeclarationException if the two keys are not from the same table, or are the same key
     */
    public <L extends Record, O extends Record> NestedPrefetch<R> withMany(ForeignKey<L, R> link,
            ForeignKey<L, O> other, UnaryOperator<NestedPrefetch<O>> then) {
        requireNonNull(link, "link");
        requireNonNull(other, "other");
        // The generic types cannot tell two link tables with the same record type apart (plain records)
        if (!link.getTable().equals(other.getTable())) {
            throw new MalformedDeclarationException("Foreign keys " + link.getName() + " (from "
                    + tableName(link) + ") and " + other.getName() + " (from " + tableName(other) + ") are not from the same link table");
        }
        if (link.equals(other)) {
            throw new MalformedDeclarationException("Foreign key " + link.getName()
                    + " given as both sides of a link table; name the key to the related table as other");
        }
        List<Many> more = new ArrayList<>(many);
        more.add(new Many(link, other, nested(then)));
        return new NestedPrefetch<>(parents, List.copyOf(more));
    }

    /** @return whether nothing is loaded */
    public boolean isEmpty() {
        return parents.isEmpty() && many.isEmpty();
    }

    /** @return the parents to load, in the order given */
    List<Parent> parents() {
        return parents;
    }

    /** @return the link tables to load through, in the order given */
    List<Many> many() {
        return many;
    }

    private static <P extends Record> NestedPrefetch<?> nested(UnaryOperator<NestedPrefetch<P>> then) {
        return requireNonNull(requireNonNull(then, "then").apply(none()), "then's result");
    }

    private static String tableName(ForeignKey<?, ?> key) {
        Table<?> table = key.getTable();
        return table.getSchema() == null ? table.getName() : table.getSchema().getName() + "." + table.getName();
    }

    @Override
    public String toString() {
        return "NestedPrefetch" + (parents.isEmpty() ? "" : " parents " + parents)
                + (many.isEmpty() ? "" : " many " + many);
    }

    /** Parents through {@code key}, then {@code then} under them. */
    record Parent(ForeignKey<?, ?> key, NestedPrefetch<?> then) {
        @Override
        public String toString() {
            return key.getName() + (then.isEmpty() ? "" : " (" + then + ")");
        }
    }

    /** Rows of {@code other}'s table through the link table of {@code link} and {@code other}. */
    record Many(ForeignKey<?, ?> link, ForeignKey<?, ?> other, NestedPrefetch<?> then) {

        /** The map key of the loaded rows. */
        Through through() {
            return new Through(link, other);
        }

        @Override
        public String toString() {
            return link.getName() + " -> " + other.getName() + (then.isEmpty() ? "" : " (" + then + ")");
        }
    }

    /** A link table's two keys: what {@link Prefetched#related} looks rows up by. */
    record Through(ForeignKey<?, ?> link, ForeignKey<?, ?> other) {}
}
