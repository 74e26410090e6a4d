package dev.polyref.internal;

import static java.util.Objects.requireNonNull;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.generic.GenericKey;
import dev.polyref.generic.GenericRef;
import dev.polyref.generic.GenericRelation;
import dev.polyref.generic.RelatedObjects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.exception.DetachedException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * What the navigation methods that {@code PolyrefGenerator} adds to records and DAOs call: Django's
 * {@code comment.content_object} and {@code article.comments} on jOOQ's generated classes. Service code calls the
 * generated methods, not these:
 *
 * <pre>{@code
 * Optional<ActivityTarget> target = activity.fetchTarget(polyref);     // one statement, on the record's connection
 * activity.setTarget(polyref, video);                                   // in memory, both columns
 * Result<ActivityRecord> liked = video.fetchActivityByTarget(polyref);  // one statement
 * int likes = video.countActivityByTarget(polyref);                     // one statement
 * }</pre>
 *
 * <p>Every method runs on the configuration the record is attached to, as jOOQ's own {@code fetchParent} does: a
 * record fetched inside {@code dsl.transaction(tx -> ...)} reads in that transaction. The {@link Polyref} gives the
 * shared catalogue cache, so a warm cache costs no statement. Stateless and thread-safe.
 */
public final class RecordNavigation {

    private RecordNavigation() {}

    /**
     * @param polyref the application's Polyref
     * @param key     the record's generic key
     * @param row     an attached record of the key's table
     * @param as      the target's type ({@code ActivityTarget::of}, or the identity for a key allowing any table)
     * @param <R>     the key's record type
     * @param <T>     the target's type
     * @return the target, or empty when a column is null or the target was deleted
     * @throws DetachedException if the record is not attached
     */
    public static <R extends TableRecord<R>, T> Optional<T> fetchTarget(Polyref polyref, GenericKey<R, ?> key,
            R row, Function<? super TableRecord<?>, ? extends T> as) {
        requireNonNull(as, "as");
        return context(polyref, row, key).resolver().fetchOptional(key, row).map(as);
    }

    /**
     * Points the key at a record, in memory (store the row to save it); null clears both columns.
     *
     * @param polyref the application's Polyref
     * @param key     the record's generic key
     * @param row     an attached record of the key's table
     * @param target  a stored record, or null
     * @param <R>     the key's record type
     * @return {@code row}
     * @throws DetachedException if the record is not attached (its content type may need a statement)
     * @throws dev.polyref.TypeNotAllowedException if the key may not point at the target's table
     * @throws dev.polyref.UnsavedTargetException if the target's primary key is null
     */
    public static <R extends TableRecord<R>> R setTarget(Polyref polyref, GenericKey<R, ?> key, R row,
            @Nullable TableRecord<?> target) {
        return context(polyref, row, key).resolver().setTarget(key, row, target);
    }

    /**
     * @param polyref the application's Polyref
     * @param key     the record's generic key
     * @param row     an attached record of the key's table
     * @param <R>     the key's record type
     * @return the key's ref, or empty when a column is null; no statement once the content type is cached
     */
    public static <R extends TableRecord<R>> Optional<GenericRef<TableRecord<?>>> findRef(Polyref polyref,
            GenericKey<R, ?> key, R row) {
        return context(polyref, row, key).resolver().findRef(key, row);
    }

    /**
     * @param polyref  the application's Polyref
     * @param relation a generated relation whose parent is the record's table
     * @param parent   an attached, stored parent
     * @param <P>      the parent record type
     * @param <C>      the child record type
     * @return the parent's children, ordered by the child table's primary key; one statement
     */
    public static <P extends TableRecord<P>, C extends TableRecord<C>> Result<C> fetchChildren(Polyref polyref,
            GenericRelation<P, C> relation, P parent) {
        return bind(polyref, parent, relation).fetch(parent);
    }

    /**
     * @param polyref  the application's Polyref
     * @param relation a generated relation whose parent is the record's table
     * @param parent   an attached, stored parent
     * @param <P>      the parent record type
     * @param <C>      the child record type
     * @return how many children the parent has; one statement
     */
    public static <P extends TableRecord<P>, C extends TableRecord<C>> int countChildren(Polyref polyref,
            GenericRelation<P, C> relation, P parent) {
        DSLContext dsl = dsl(parent, relation);
        return dsl.fetchCount(relation.key().table(), polyref.using(dsl).relation(relation).childrenOf(parent));
    }

    /**
     * A record of a table holding only its primary key: the parent a DAO passes to {@link #fetchChildren} for a
     * POJO, from the DAO's {@code getId}.
     *
     * @param dsl   the DAO's context
     * @param table a table with a single-column primary key
     * @param id    its primary-key value
     * @param <P>   its record type
     * @return an attached record with the key set
     */
    public static <P extends TableRecord<P>> P byId(DSLContext dsl, Table<P> table, Object id) {
        requireNonNull(id, "id");
        P record = dsl.newRecord(table);
        @SuppressWarnings("unchecked") // the single key column of the table, set from the DAO's own id type
        TableField<P, Object> pk = (TableField<P, Object>) requireNonNull(table.getPrimaryKey(),
                "primary key").getFields().get(0);
        record.set(pk, id);
        return record;
    }

    private static PolyrefContext context(Polyref polyref, Record row, Object what) {
        return requireNonNull(polyref, "polyref").using(dsl(row, what));
    }

    private static <P extends TableRecord<P>, C extends TableRecord<C>> RelatedObjects<P, C> bind(Polyref polyref,
            P parent, GenericRelation<P, C> relation) {
        return requireNonNull(polyref, "polyref").using(dsl(parent, relation)).relation(relation);
    }

    /** The record's own context, as jOOQ's {@code fetchParent} uses it; detached records cannot run SQL. */
    private static DSLContext dsl(Record row, Object what) {
        Configuration configuration = requireNonNull(row, "row").configuration();
        if (configuration == null) {
            throw new DetachedException("Cannot navigate " + what + " from a detached " + row.getClass().getName()
                    + ": fetch it or create it with a DSLContext, or attach it");
        }
        return DSL.using(configuration);
    }
}
