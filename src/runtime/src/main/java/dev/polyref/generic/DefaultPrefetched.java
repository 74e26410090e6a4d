package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.InvalidArgumentException;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * The result of one prefetch, detached: targets by content-type id and key, parents by foreign key and key. It
 * holds no registry and no context, so a lookup never runs SQL; a row's object id was converted once while
 * loading, and its raw value is kept beside it, so looking a loaded row up converts nothing.
 */
final class DefaultPrefetched implements Prefetched {

    /**
     * The targets of one content type: at their primary key's position in {@code ids} (null where a key had no
     * row; {@code size} are not), and the key of each raw object id the loaded rows held (a text {@code '42'}
     * for the bigint key 42), so that a row is found without converting its id again.
     */
    record Loaded(ContentType contentType, Model<?, ?> model, IdIndex ids, TableRecord<?>[] targets, int size,
            Map<Object, Object> keyByRawId) {

        @Nullable TableRecord<?> get(Object key) {
            int position = ids.indexOf(key);
            return position < 0 ? null : targets[position];
        }

        /** @return the target at a key's position in {@code ids}, or null */
        @Nullable TableRecord<?> at(int position) {
            return position < targets.length ? targets[position] : null;
        }
    }

    /**
     * The loaded types by content-type id, scanned per row: a page has few types, and comparing a few ints is
     * cheaper than a {@code HashMap<Integer, ...>} lookup of a boxed id.
     */
    private final int[] typeIds;
    private final Loaded[] loaded;
    private final Map<ForeignKey<?, ?>, Map<Object, Record>> parents;
    private final Map<NestedPrefetch.Through, Map<Object, List<Record>>> related;
    private final @Nullable GenericKey<?, ?> key;
    private final @Nullable FieldIndex<Integer> contentTypeId;
    private final @Nullable FieldIndex<?> objectId;

    DefaultPrefetched(Map<Integer, Loaded> byTypeId, Map<ForeignKey<?, ?>, Map<Object, Record>> parents,
            Map<NestedPrefetch.Through, Map<Object, List<Record>>> related, @Nullable GenericKey<?, ?> key) {
        // Handed over by the loader, which keeps no reference: immutable by encapsulation, with no copy of
        // what can be 100,000s of targets
        this.typeIds = new int[byTypeId.size()];
        this.loaded = new Loaded[byTypeId.size()];
        int i = 0;
        for (Map.Entry<Integer, Loaded> entry : byTypeId.entrySet()) {
            typeIds[i] = entry.getKey();
            loaded[i++] = entry.getValue();
        }
        this.parents = parents;
        this.related = related;
        this.key = key;
        this.contentTypeId = key == null ? null : new FieldIndex<>(key.contentTypeField());
        this.objectId = key == null ? null : new FieldIndex<>(key.objectIdField());
    }

    @Override
    public Optional<TableRecord<?>> find(Record row) {
        return Optional.ofNullable(lookUp(row));
    }

    /** {@link #find(Record)} without the Optional, for the resolver's own loops. */
    @Nullable TableRecord<?> lookUp(Record row) {
        requireNonNull(row, "row");
        if (contentTypeId == null || objectId == null) {
            throw new InvalidArgumentException("These targets were prefetched from refs, not from rows of a generic "
                    + "key; look them up with find(GenericRef)");
        }
        Integer typeId = contentTypeId.get(row);
        Object id = objectId.get(row);
        if (typeId == null || id == null) {
            return null;
        }
        Loaded type = loaded(typeId);
        return type == null ? null : lookUp(type, id);
    }

    private @Nullable Loaded loaded(int typeId) {
        for (int i = 0; i < typeIds.length; i++) {
            if (typeIds[i] == typeId) {
                return loaded[i];
            }
        }
        return null;
    }

    /**
     * Each row with its target, in the rows' order (for {@code fetch} and {@code stream}): found by where
     * {@code grouped} put the row's key (its type's place, its key's position, where the loader stored the
     * target), not looked up again.
     *
     * @param grouped the rows' refs as grouped for this prefetch, with positions
     */
    <R extends Record> List<Resolved<R>> resolve(List<R> rows, RowRefs.Grouped grouped) {
        int[] places = grouped.places();
        int[] positions = grouped.positions();
        if (places == null || positions == null || places.length != rows.size()) {
            throw new IllegalStateException("Rows grouped without positions");
        }
        Loaded[] byPlace = new Loaded[grouped.types().length];
        for (int p = 0; p < byPlace.length; p++) {
            byPlace[p] = loaded(grouped.types()[p].id());
        }
        List<Resolved<R>> resolved = new ArrayList<>(rows.size());
        for (int i = 0; i < places.length; i++) {
            Loaded type = places[i] < 0 ? null : byPlace[places[i]];
            resolved.add(new Resolved<>(rows.get(i), type == null ? null : type.at(positions[i])));
        }
        return resolved;
    }

    @Override
    public <T extends TableRecord<T>> Optional<T> find(Record row, Model<T, ?> type) {
        requireNonNull(type, "type");
        return find(row).filter(type.recordType()::isInstance).map(type.recordType()::cast);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends TableRecord<?>> Optional<T> find(GenericRef<T> ref) {
        requireNonNull(ref, "ref");
        Loaded type = loaded(ref.contentType().id());
        return type == null ? Optional.empty() : Optional.ofNullable((T) lookUp(type, ref.objectId()));
    }

    /** A loaded raw id or a key as it is: no conversion; anything else is converted once. */
    private static @Nullable TableRecord<?> lookUp(Loaded loaded, Object objectId) {
        // Most object-id columns have their targets' key type: then there is nothing to translate
        Object key = loaded.keyByRawId().isEmpty() ? null : loaded.keyByRawId().get(objectId);
        if (key == null) {
            key = loaded.model().keyType().isInstance(objectId) ? objectId
                    : ObjectIds.toKey(objectId, loaded.model(), () -> "a prefetched " + loaded.contentType());
        }
        return loaded.get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends TableRecord<T>> List<T> targets(Model<T, ?> type) {
        requireNonNull(type, "type");
        return Arrays.stream(loaded)
                .filter(l -> l.model().naturalKey().equals(type.naturalKey()))
                .flatMap(l -> Arrays.stream(l.targets()))
                .filter(Objects::nonNull)
                .map(t -> (T) type.recordType().cast(t))
                .toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends TableRecord<T>, P extends Record> Optional<P> findParent(T target,
            ForeignKey<T, P> foreignKey) {
        requireNonNull(target, "target");
        Map<Object, Record> byKey = parents.get(requireNonNull(foreignKey, "foreignKey"));
        if (byKey == null) {
            throw new InvalidArgumentException("Foreign key " + foreignKey.getName()
                    + " was not prefetched; add GenericPrefetch.withParent(it)");
        }
        Object value = KeyTuples.of(target, foreignKey.getFields(), foreignKey.getKeyFields());
        return value == null ? Optional.empty() : Optional.ofNullable((P) byKey.get(value));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R extends Record, L extends Record, O extends Record> List<O> related(R row, ForeignKey<L, R> link,
            ForeignKey<L, O> other) {
        requireNonNull(row, "row");
        Map<Object, List<Record>> byKey = related.get(new NestedPrefetch.Through(requireNonNull(link, "link"),
                requireNonNull(other, "other")));
        if (byKey == null) {
            throw new InvalidArgumentException("Link " + link.getName() + " -> " + other.getName()
                    + " was not prefetched; add GenericPrefetch.withMany(link, other)");
        }
        Object value = KeyTuples.of(row, link.getKeyFields(), link.getKeyFields());
        List<Record> rows = value == null ? null : byKey.get(value);
        return rows == null ? List.of() : (List<O>) Collections.unmodifiableList(rows);
    }

    @Override
    public int size() {
        return Arrays.stream(loaded).mapToInt(Loaded::size).sum();
    }
}
