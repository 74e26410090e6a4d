package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.InvalidArgumentException;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.Model;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/** The resolver: refs and single loads here, batches in {@link PrefetchLoader}. Immutable. */
final class DefaultGenericResolver implements GenericResolver {

    private final DSLContext dsl;
    private final ContentTypeRegistry registry;
    private final int chunkSize;
    private final boolean oneRoundTrip;

    DefaultGenericResolver(DSLContext dsl, ContentTypeRegistry registry, int chunkSize, boolean oneRoundTrip) {
        if (chunkSize < 1) {
            throw new InvalidArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
        this.dsl = dsl;
        this.registry = registry;
        this.chunkSize = chunkSize;
        this.oneRoundTrip = oneRoundTrip;
    }

    @Override
    public GenericResolver withChunkSize(int size) {
        return new DefaultGenericResolver(dsl, registry, size, oneRoundTrip);
    }

    @Override
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public GenericResolver withOneRoundTrip(boolean enabled) {
        return new DefaultGenericResolver(dsl, registry, chunkSize, enabled);
    }

    @Override
    public boolean oneRoundTrip() {
        return oneRoundTrip;
    }

    @Override
    public <T extends TableRecord<T>> GenericRef<T> ref(T target) {
        Object id = Targets.primaryKeyValue(requireNonNull(target, "target"));
        return new GenericRef<>(registry.get(target), id);
    }

    @Override
    public <T extends TableRecord<T>, K> GenericRef<T> ref(Model<T, K> type, K id) {
        return new GenericRef<>(registry.get(requireNonNull(type, "type")), requireNonNull(id, "id"));
    }

    @Override
    public Optional<GenericRef<TableRecord<?>>> findRef(GenericKey<?, ?> key, Record row) {
        return Optional.ofNullable(new RowRefs(requireNonNull(key, "key"), registry).read(requireNonNull(row, "row")));
    }

    @Override
    public <R extends TableRecord<R>> R setTarget(GenericKey<R, ?> key, R row,
            @Nullable TableRecord<?> target) {
        requireNonNull(key, "key");
        requireNonNull(row, "row");
        if (target == null) {
            row.set(key.contentTypeField(), null);
            row.set(key.objectIdField(), null);
            return row;
        }
        setObjectId(key, row, target);
        return row;
    }

    // Everything that can fail runs before the first column is set: no half-written key
    private <R extends TableRecord<R>, I> void setObjectId(GenericKey<R, I> key, R row,
            TableRecord<?> target) {
        I objectId = Targets.objectId(key, target);
        ContentType type = registry.get(target);
        row.set(key.contentTypeField(), key.storedTypeId(type));
        row.set(key.objectIdField(), objectId);
    }

    @Override
    public <T extends TableRecord<?>> Optional<T> fetchOptional(GenericRef<T> ref) {
        requireNonNull(ref, "ref");
        return fetchOne(model(ref.contentType()), ref);
    }

    @SuppressWarnings("unchecked")
    private <T extends TableRecord<?>, R extends TableRecord<R>, K> Optional<T> fetchOne(Model<R, K> model,
            GenericRef<T> ref) {
        K id = model.keyType().cast(ObjectIds.toKey(ref.objectId(), model, () -> "ref " + ref));
        return (Optional<T>) dsl.selectFrom(model.table()).where(ObjectIdSql.equal(model.primaryKey(), id))
                .fetchOptional();
    }

    @Override
    public Optional<TableRecord<?>> fetchOptional(GenericKey<?, ?> key, Record row) {
        return findRef(key, row).flatMap(this::fetchOptional);
    }

    @Override
    public Prefetched prefetch(GenericKey<?, ?> key, Collection<? extends Record> rows,
            GenericPrefetch<?>... perType) {
        requireNonNull(key, "key");
        requireNonNull(rows, "rows");
        return loader().load(new RowRefs(key, registry).group(rows, false).byType(), perType, key);
    }

    @Override
    public Prefetched prefetch(Collection<? extends @Nullable GenericRef<?>> refs,
            GenericPrefetch<?>... perType) {
        requireNonNull(refs, "refs");
        PrefetchLoader loader = loader();
        List<GenericRef<?>> canonical = new ArrayList<>(refs.size());
        for (GenericRef<?> ref : refs) {
            if (ref != null) {
                canonical.add(loader.canonical(ref));
            }
        }
        return loader.load(PrefetchLoader.group(canonical), perType, null);
    }

    @Override
    public <R extends Record> List<Resolved<R>> fetch(GenericKey<?, ?> key, ResultQuery<R> rows,
            GenericPrefetch<?>... perType) {
        requireNonNull(key, "key");
        requireNonNull(rows, "rows");
        PrefetchLoader.checkPerType(perType);
        Table<?> table = TargetReader.wholeRowsOf(dsl, rows);
        List<R> records = table == null ? dsl.fetch(rows) : TargetReader.read(dsl, table, rows, 16);
        return Collections.unmodifiableList(resolve(key, records, perType));
    }

    /** {@code fetch} and {@code stream}: prefetches the rows' targets and pairs each row with its own. */
    <R extends Record> List<Resolved<R>> resolve(GenericKey<?, ?> key, List<R> rows, GenericPrefetch<?>[] perType) {
        RowRefs.Grouped grouped = new RowRefs(key, registry).group(rows, true);
        DefaultPrefetched targets = (DefaultPrefetched) loader().load(grouped.byType(), perType, key);
        return targets.resolve(rows, grouped);
    }

    @Override
    public <R extends Record> Stream<Resolved<R>> stream(GenericKey<?, ?> key, ResultQuery<R> rows, int chunk,
            GenericPrefetch<?>... perType) {
        requireNonNull(key, "key");
        requireNonNull(rows, "rows");
        requireNonNull(perType, "perType");
        if (chunk < 1) {
            throw new InvalidArgumentException("chunk must be at least 1, got " + chunk);
        }
        // Customisations are checked before the query runs, not at the first chunk
        PrefetchLoader.checkPerType(perType);
        return StreamResolver.stream(dsl, this, key, rows, chunk, perType.clone());
    }

    @Override
    public GenericConditions conditions() {
        return new DefaultGenericConditions(registry);
    }

    private PrefetchLoader loader() {
        return new PrefetchLoader(dsl, this::model, chunkSize, oneRoundTrip);
    }

    // A proxy's rows are its base table's rows: without a Model for the view, they load from the base table
    private Model<?, ?> model(ContentType type) {
        Integer base = type.proxyFor();
        if (base != null && registry.findModel(type).isEmpty()) {
            return registry.getModel(registry.get(base));
        }
        return registry.getModel(type);
    }
}
