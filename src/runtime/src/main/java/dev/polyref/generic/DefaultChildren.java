package dev.polyref.generic;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.TableRecord;

/** Children grouped by object id, the parent's key in the object-id column's type. Immutable. */
final class DefaultChildren<P extends TableRecord<P>, C extends TableRecord<C>> implements Children<P, C> {

    private final GenericRelation<P, C> relation;
    private final Map<Object, List<C>> byObjectId;
    private final int size;

    DefaultChildren(GenericRelation<P, C> relation, Map<Object, List<C>> byObjectId, int size) {
        this.relation = relation;
        this.byObjectId = byObjectId.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        this.size = size;
    }

    @Override
    public List<C> get(P parent) {
        return byObjectId.getOrDefault(RelationRecords.parentId(relation, parent), List.of());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "Children[" + relation + ": " + size + " of " + byObjectId.size() + " parents]";
    }
}
