package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;
import static org.jooq.impl.DSL.or;

import dev.polyref.InvalidArgumentException;
import dev.polyref.catalogue.NaturalKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.OrderField;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Reverse loading of several parent types through one key with one statement:
 * {@code WHERE (ct = A AND object_id = ANY(?)) OR (ct = B AND object_id = ANY(?))}, the statement Django builds for
 * a GenericRelation prefetched over mixed content types (behaviour 72). One array bind per type.
 */
final class ReverseLoading {

    private ReverseLoading() {}

    static <C extends TableRecord<C>> ChildrenOfAny<C> prefetchAll(Collection<? extends TableRecord<?>> parents,
            List<? extends RelatedObjects<?, C>> relations, Condition condition, List<? extends OrderField<?>> order) {
        requireNonNull(parents, "parents");
        requireNonNull(relations, "relations");
        if (relations.isEmpty()) {
            throw new InvalidArgumentException("prefetchAll needs at least one relation");
        }
        requireNonNull(order, "orderBy");
        DefaultRelatedObjects<?, C> first = bound(relations.get(0));
        GenericKey<C, ?> key = first.relation().key();
        Map<Table<?>, DefaultRelatedObjects<?, C>> byTable = new LinkedHashMap<>();
        for (RelatedObjects<?, C> relation : relations) {
            bound(relation);
            if (!relation.relation().key().equals(key)) {
                throw new InvalidArgumentException("prefetchAll loads through one generic key: " + key + ", but "
                        + relation.relation() + " goes through " + relation.relation().key());
            }
            byTable.put(relation.relation().parent().table(), (DefaultRelatedObjects<?, C>) relation);
        }
        // parent type -> object ids, in the order met; every loaded parent gets an entry, children or not
        Map<DefaultRelatedObjects<?, C>, Set<Object>> ids = new LinkedHashMap<>();
        Map<Object, List<C>> byParent = new HashMap<>();
        for (TableRecord<?> parent : parents) {
            DefaultRelatedObjects<?, C> relation = relationOf(byTable, requireNonNull(parent, "parents[]"));
            Object id = RelationRecords.parentId(relation.relation(), parent);
            ids.computeIfAbsent(relation, r -> new LinkedHashSet<>()).add(id);
            byParent.put(new ParentKey(relation.typeId(), id), new ArrayList<>());
        }
        if (ids.isEmpty()) {
            return new DefaultChildrenOfAny<>(byTable, byParent, 0);
        }
        List<Condition> perType = new ArrayList<>();
        for (Map.Entry<DefaultRelatedObjects<?, C>, Set<Object>> e : ids.entrySet()) {
            perType.add(e.getKey().sqlOf().childrenOfAny(List.copyOf(e.getValue())));
        }
        Result<C> rows = first.dsl().selectFrom(key.table()).where(or(perType)).and(requireNonNull(condition, "condition"))
                .orderBy(order.isEmpty() ? first.sqlOf().order(key.table()) : order).fetch();
        for (C row : rows) {
            Object objectId = row.get(key.objectIdField());
            Integer type = row.get(key.contentTypeField());
            byParent.computeIfAbsent(new ParentKey(type == null ? -1 : type, objectId), k -> new ArrayList<>())
                    .add(row);
        }
        return new DefaultChildrenOfAny<>(byTable, byParent, rows.size());
    }

    /** Polyref's own binding: it knows its context and the parent's content-type id. */
    private static <C extends TableRecord<C>> DefaultRelatedObjects<?, C> bound(
            @org.jspecify.annotations.Nullable RelatedObjects<?, C> relation) {
        if (!(requireNonNull(relation, "relations[]") instanceof DefaultRelatedObjects<?, C> bound)) {
            throw new InvalidArgumentException("prefetchAll takes relations bound by PolyrefContext.relation(...), "
                    + "got " + relation.getClass().getName());
        }
        return bound;
    }

    static <C extends TableRecord<C>> DefaultRelatedObjects<?, C> relationOf(
            Map<Table<?>, DefaultRelatedObjects<?, C>> byTable, TableRecord<?> parent) {
        for (Map.Entry<Table<?>, DefaultRelatedObjects<?, C>> e : byTable.entrySet()) {
            if (e.getKey().getRecordType().isInstance(parent)) {
                return e.getValue();
            }
        }
        throw new InvalidArgumentException("No relation given for a parent of " + NaturalKey.of(parent.getTable())
                + "; relations given for " + byTable.keySet().stream().map(t -> NaturalKey.of(t).toString()).toList());
    }

    /** A parent by content-type id and object id. */
    record ParentKey(int typeId, Object objectId) {}

    /** Children grouped by parent type and object id. Immutable. */
    static final class DefaultChildrenOfAny<C extends TableRecord<C>> implements ChildrenOfAny<C> {

        private final Map<Table<?>, DefaultRelatedObjects<?, C>> byTable;
        private final Map<Object, List<C>> byParent;
        private final int size;

        DefaultChildrenOfAny(Map<Table<?>, DefaultRelatedObjects<?, C>> byTable, Map<Object, List<C>> byParent,
                int size) {
            this.byTable = Map.copyOf(byTable);
            Map<Object, List<C>> copy = new HashMap<>();
            byParent.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            this.byParent = Map.copyOf(copy);
            this.size = size;
        }

        @Override
        public List<C> get(TableRecord<?> parent) {
            DefaultRelatedObjects<?, C> relation = relationOf(byTable, requireNonNull(parent, "parent"));
            Object id = RelationRecords.parentId(relation.relation(), parent);
            List<C> children = byParent.get(new ParentKey(relation.typeId(), id));
            if (children == null) {
                throw new InvalidArgumentException("The " + NaturalKey.of(parent.getTable()) + " row with key " + id
                        + " was not among the parents loaded through " + relation.relation().key());
            }
            return children;
        }

        @Override
        public int size() {
            return size;
        }
    }
}
