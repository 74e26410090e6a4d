package dev.polyref.generic;

import dev.polyref.InvalidArgumentException;
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
        Object id = RelationRecords.parentId(relation, parent);
        List<C> children = byObjectId.get(id);
        if (children == null) {
            throw new InvalidArgumentException("The " + relation.parent().naturalKey() + " row with key " + id
                    + " was not among the parents loaded for relation " + relation + "; prefetch it too");
        }
        return children;
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
