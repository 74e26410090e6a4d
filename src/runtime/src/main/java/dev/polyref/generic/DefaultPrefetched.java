package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.InvalidArgumentException;
import dev.polyref.PolyrefException;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ModelType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/** The result of one prefetch: targets by content type and key, parents by foreign key and key. */
final class DefaultPrefetched implements Prefetched {

    private final Map<ContentType, Map<Object, TableRecord<?>>> targets;
    private final Map<ForeignKey<?, ?>, Map<Object, Record>> parents;
    private final @Nullable RowRefs reader;
    private final UnaryOperator<GenericRef<?>> canonical;

    DefaultPrefetched(Map<ContentType, Map<Object, TableRecord<?>>> targets,
            Map<ForeignKey<?, ?>, Map<Object, Record>> parents,
            @Nullable RowRefs reader,
            UnaryOperator<GenericRef<?>> canonical) {
        // Handed over by the loader, which keeps no reference: immutable by encapsulation, with no copy of
        // what can be 100,000s of targets
        this.targets = targets;
        this.parents = parents;
        this.reader = reader;
        this.canonical = canonical;
    }

    @Override
    public Optional<TableRecord<?>> get(Record row) {
        requireNonNull(row, "row");
        if (reader == null) {
            throw new PolyrefException("These targets were prefetched from refs, not from rows of a generic key; "
                    + "look them up with get(GenericRef)");
        }
        GenericRef<TableRecord<?>> ref = reader.read(row);
        return ref == null ? Optional.empty() : get(ref);
    }

    @Override
    public <T extends TableRecord<T>> Optional<T> get(Record row, ModelType<T, ?> type) {
        requireNonNull(type, "type");
        return get(row).filter(type.recordType()::isInstance).map(type.recordType()::cast);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends TableRecord<?>> Optional<T> get(GenericRef<T> ref) {
        requireNonNull(ref, "ref");
        Map<Object, TableRecord<?>> ofType = targets.get(ref.contentType());
        if (ofType == null) {
            return Optional.empty();
        }
        TableRecord<?> target = ofType.get(ref.objectId());
        if (target == null && !ofType.isEmpty()) {
            // Refs Polyref made are canonical already; only a hand-made ref with another spelling gets here
            target = ofType.get(canonical.apply(ref).objectId());
        }
        return Optional.ofNullable((T) target);
    }

    @Override
    public <T extends TableRecord<T>> List<T> targets(ModelType<T, ?> type) {
        requireNonNull(type, "type");
        return targets.entrySet().stream()
                .filter(e -> e.getKey().naturalKey().equals(type.naturalKey()))
                .flatMap(e -> e.getValue().values().stream())
                .map(type.recordType()::cast)
                .map(t -> (T) t)
                .toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends TableRecord<T>, P extends Record> Optional<P> parent(T target, ForeignKey<T, P> foreignKey) {
        requireNonNull(target, "target");
        Map<Object, Record> byKey = parents.get(requireNonNull(foreignKey, "foreignKey"));
        if (byKey == null) {
            throw new InvalidArgumentException("Foreign key " + foreignKey.getName()
                    + " was not prefetched; add GenericPrefetch.withParent(it)");
        }
        Object value = target.get(foreignKey.getFields().get(0));
        return value == null ? Optional.empty() : Optional.ofNullable((P) byKey.get(value));
    }

    @Override
    public int size() {
        return targets.values().stream().mapToInt(Map::size).sum();
    }
}
