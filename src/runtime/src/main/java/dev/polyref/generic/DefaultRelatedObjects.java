package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.ContentTypeRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * A relation bound to a database. The parent's content-type id is looked up per call, so a cleared registry
 * cache is honoured; the registry caches it, so this costs no statement once warm. Immutable.
 */
final class DefaultRelatedObjects<P extends TableRecord<P>, C extends TableRecord<C>>
        implements RelatedObjects<P, C> {

    private final GenericRelation<P, C> relation;
    private final DSLContext dsl;
    private final ContentTypeRegistry registry;

    DefaultRelatedObjects(GenericRelation<P, C> relation, DSLContext dsl, ContentTypeRegistry registry) {
        this.relation = relation;
        this.dsl = dsl;
        this.registry = registry;
    }

    @Override
    public GenericRelation<P, C> relation() {
        return relation;
    }

    @Override
    public Result<C> fetch(P parent) {
        RelationSql<P, C> sql = sql();
        return dsl.selectFrom(relation.childTable()).where(sql.childrenOf(RelationRecords.parentId(relation, parent)))
                .orderBy(sql.order(relation.childTable())).fetch();
    }

    @Override
    public Children<P, C> prefetch(Collection<? extends P> parents) {
        requireNonNull(parents, "parents");
        Set<Object> ids = new LinkedHashSet<>();
        for (P parent : parents) {
            ids.add(RelationRecords.parentId(relation, parent));
        }
        Map<Object, List<C>> byParent = new HashMap<>();
        for (Object id : ids) {
            byParent.put(id, new ArrayList<>());   // a loaded parent without children has an empty list
        }
        if (ids.isEmpty()) {
            return new DefaultChildren<>(relation, byParent, 0);
        }
        RelationSql<P, C> sql = sql();
        Result<C> rows = dsl.selectFrom(relation.childTable()).where(sql.childrenOfAny(List.copyOf(ids)))
                .orderBy(sql.order(relation.childTable())).fetch();
        for (C row : rows) {
            byParent.computeIfAbsent(row.get(relation.key().objectIdField()), id -> new ArrayList<>()).add(row);
        }
        return new DefaultChildren<>(relation, byParent, rows.size());
    }

    @Override
    public Condition childrenOf(P parent) {
        return sql().childrenOf(RelationRecords.parentId(relation, parent));
    }

    @Override
    public Condition joinCondition() {
        return joinCondition(relation.parent().table(), relation.childTable());
    }

    @Override
    public Condition joinCondition(Table<P> parent, Table<C> child) {
        return sql().join(requireNonNull(parent, "parent"), requireNonNull(child, "child"));
    }

    @Override
    public Field<Integer> count() {
        return count(relation.parent().table());
    }

    @Override
    public Field<Integer> count(Table<P> parent) {
        return sql().count(requireNonNull(parent, "parent"));
    }

    @Override
    public Field<Result<C>> multiset() {
        return multiset(relation.parent().table());
    }

    @Override
    public Field<Result<C>> multiset(Table<P> parent) {
        return sql().multiset(requireNonNull(parent, "parent"));
    }

    @Override
    public Condition parentMatches(Condition condition) {
        return sql().parentMatches(requireNonNull(condition, "condition"));
    }

    @Override
    public Condition hasChildren(Condition condition) {
        return sql().hasChildren(requireNonNull(condition, "condition"));
    }

    @Override
    public int add(P parent, Collection<? extends C> children) {
        return writes().add(parent, children);
    }

    @Override
    public int remove(P parent, Collection<? extends C> children) {
        return writes().remove(parent, children);
    }

    @Override
    public int clear(P parent) {
        return writes().clear(parent);
    }

    @Override
    public void replace(P parent, Collection<? extends C> children) {
        writes().replace(parent, children);
    }

    @Override
    public C create(P parent, Consumer<? super C> values) {
        return writes().create(parent, values);
    }

    @Override
    public Changeset<P, C> changeset(P parent) {
        ChangesetContext<P, C> context = new ChangesetContext<>(relation, dsl, typeId(), parent);
        return new DefaultChangeset<>(context, java.util.Collections.unmodifiableMap(context.fetchCurrent(false)));
    }

    @Override
    public String toString() {
        return "RelatedObjects[" + relation + "]";
    }

    private int typeId() {
        return registry.get(relation.parent()).id();
    }

    private RelationSql<P, C> sql() {
        return new RelationSql<>(relation, typeId());
    }

    private RelationWrites<P, C> writes() {
        int typeId = typeId();
        return new RelationWrites<>(relation, dsl, new RelationSql<>(relation, typeId), typeId);
    }
}
