package dev.polyref.generic;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The targets of one generic key loaded for a list of rows, looked up by the same rows and typed by the key: the
 * generated {@code ActivityTarget} for a key with allowed targets, {@code TableRecord<?>} for a key allowing any
 * table. The rows are records or POJOs: a POJO is read through the two getters of its key columns, so jOOQ's
 * generated POJOs (mutable, immutable, Java records) load exactly as records do. Generated code builds it:
 *
 * <pre>{@code
 * TypedPrefetched<ActivityRecord, ActivityTarget> targets = ActivityRecord.prefetchTarget(resolver, feed); // 1 per type
 * TypedPrefetched<Activity, ActivityTarget> same = activityDao.prefetchTarget(polyref, activityDao.findAll());
 * String title = targets.find(row).map(t -> t.accept(new ActivityTarget.Visitor<String>() { ... })).orElse("");
 * }</pre>
 *
 * <p>Immutable and thread-safe like the {@link Prefetched} it wraps; a lookup never runs SQL.
 *
 * @param <E> the rows' type: a record or a POJO of the key's table
 * @param <T> the targets' type
 */
public final class TypedPrefetched<E, T> {

    private final Prefetched untyped;
    private final Function<? super E, ? extends Record> row;
    private final Function<? super TableRecord<?>, ? extends T> as;

    private TypedPrefetched(Prefetched untyped, Function<? super E, ? extends Record> row,
            Function<? super TableRecord<?>, ? extends T> as) {
        this.untyped = untyped;
        this.row = row;
        this.as = as;
    }

    /**
     * Loads the targets of records: {@link GenericResolver#prefetch(GenericKey, Collection, GenericPrefetch...)},
     * one statement per content type.
     *
     * @param resolver the resolver
     * @param key      the generic key
     * @param rows     records holding both of its columns
     * @param as       the targets' type
     * @param perType  at most one customisation per content type
     * @param <E>      the records' type
     * @param <T>      the targets' type
     * @return the loaded targets
     */
    public static <E extends Record, T> TypedPrefetched<E, T> ofRecords(GenericResolver resolver,
            GenericKey<?, ?> key, Collection<? extends E> rows, Function<? super TableRecord<?>, ? extends T> as,
            GenericPrefetch<?>... perType) {
        return new TypedPrefetched<>(resolver.prefetch(key, rows, perType), Function.identity(),
                requireNonNull(as, "as"));
    }

    /**
     * Loads the targets of POJOs, one statement per content type, as for records.
     *
     * @param resolver      the resolver
     * @param key           the generic key
     * @param pojos         POJOs of the key's table
     * @param contentTypeId the POJO's content-type getter
     * @param objectId      the POJO's object-id getter
     * @param as            the targets' type
     * @param perType       at most one customisation per content type
     * @param <E>           the POJOs' type
     * @param <I>           the object-id type
     * @param <T>           the targets' type
     * @return the loaded targets
     */
    public static <E, I, T> TypedPrefetched<E, T> ofPojos(GenericResolver resolver, GenericKey<?, I> key,
            Collection<? extends E> pojos, Function<? super E, ? extends @Nullable Integer> contentTypeId,
            Function<? super E, ? extends @Nullable I> objectId,
            Function<? super TableRecord<?>, ? extends T> as, GenericPrefetch<?>... perType) {
        requireNonNull(contentTypeId, "contentTypeId");
        requireNonNull(objectId, "objectId");
        DSLContext detached = DSL.using(SQLDialect.DEFAULT);
        Function<E, Record> row = pojo -> {
            // a detached two-column row: all a Prefetched reads of a row is the key's two columns
            Record2<Integer, I> r = detached.newRecord(key.contentTypeField(), key.objectIdField());
            r.value1(contentTypeId.apply(requireNonNull(pojo, "pojos[]")));
            r.value2(objectId.apply(pojo));
            return r;
        };
        List<Record> rows = new ArrayList<>(pojos.size());
        pojos.forEach(p -> rows.add(row.apply(p)));
        return new TypedPrefetched<>(resolver.prefetch(key, rows, perType), row, requireNonNull(as, "as"));
    }

    /**
     * @param rowOrPojo one of the rows this was loaded for (or any with the same key values)
     * @return its target, or empty for a null ref, a deleted target or a type excluded by a customisation
     */
    public Optional<T> find(E rowOrPojo) {
        return untyped.find(row.apply(requireNonNull(rowOrPojo, "rowOrPojo"))).map(as);
    }

    /** @return the untyped result, for {@link Prefetched#targets} and {@link Prefetched#findParent} */
    public Prefetched untyped() {
        return untyped;
    }

    /** @return how many distinct targets were loaded */
    public int size() {
        return untyped.size();
    }
}
