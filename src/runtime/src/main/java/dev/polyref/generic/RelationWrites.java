package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.row;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.TableRecord;

/**
 * The related manager's writes (Django's {@code add}, {@code remove}, {@code clear}, {@code set},
 * {@code create}). Every argument is checked before the first statement; the one write of two statements,
 * {@code replace}, runs in a transaction. Used once and dropped.
 */
final class RelationWrites<P extends TableRecord<P>, C extends TableRecord<C>> {

    private final GenericRelation<P, C> relation;
    private final DSLContext dsl;
    private final RelationSql<P, C> sql;
    private final int typeId;

    RelationWrites(GenericRelation<P, C> relation, DSLContext dsl, RelationSql<P, C> sql, int typeId) {
        this.relation = relation;
        this.dsl = dsl;
        this.sql = sql;
        this.typeId = typeId;
    }

    int add(P parent, Collection<? extends C> children) {
        Object objectId = RelationRecords.parentId(relation, parent);
        List<Object> keys = RelationRecords.childKeys(relation, children, "add");
        if (keys.isEmpty()) {
            return 0;
        }
        int changed = attach(dsl, relation.key().objectIdField(), objectId, keys);
        children.forEach(child -> pointInMemory(child, relation.key().objectIdField(), objectId));
        return changed;
    }

    int remove(P parent, Collection<? extends C> children) {
        Object objectId = RelationRecords.parentId(relation, parent);
        List<Object> keys = RelationRecords.childKeys(relation, children, "remove");
        if (keys.isEmpty()) {
            return 0;
        }
        return dsl.deleteFrom(relation.childTable()).where(sql.childrenOf(objectId))
                .and(ObjectIdSql.anyOf(RelationRecords.childPrimaryKey(relation), keys)).execute();
    }

    int clear(P parent) {
        Object objectId = RelationRecords.parentId(relation, parent);
        return dsl.deleteFrom(relation.childTable()).where(sql.childrenOf(objectId)).execute();
    }

    void replace(P parent, Collection<? extends C> children) {
        Object objectId = RelationRecords.parentId(relation, parent);
        List<Object> keys = RelationRecords.childKeys(relation, children, "replace");
        // Atomically, not dsl.transaction: jOOQ's would commit a transaction the caller manages by hand
        Atomically.run(dsl, tx -> {
            // "<> ALL" of an empty array is true: replace(parent, []) deletes every child, like clear
            tx.deleteFrom(relation.childTable()).where(sql.childrenOf(objectId))
                    .and(not(ObjectIdSql.anyOf(RelationRecords.childPrimaryKey(relation), keys))).execute();
            if (!keys.isEmpty()) {
                attach(tx, relation.key().objectIdField(), objectId, keys);
            }
            return null;
        });
        children.forEach(child -> pointInMemory(child, relation.key().objectIdField(), objectId));
    }

    C create(P parent, Consumer<? super C> values) {
        Object objectId = RelationRecords.parentId(relation, parent);
        requireNonNull(values, "values");
        C child = dsl.newRecord(relation.childTable());
        values.accept(child);
        child.set(relation.key().contentTypeField(), typeId);
        setObjectId(child, relation.key().objectIdField(), objectId);
        child.insert();
        return child;
    }

    /** One UPDATE of the rows not yet pointing at the parent (IS DISTINCT FROM: a null key is "not yet"). */
    private <I> int attach(DSLContext ctx, TableField<C, I> objectIdField, Object objectId, List<Object> keys) {
        TableField<C, Integer> typeField = relation.key().contentTypeField();
        I id = objectIdField.getType().cast(objectId);
        return ctx.update(relation.childTable()).set(typeField, typeId).set(objectIdField, id)
                .where(ObjectIdSql.anyOf(RelationRecords.childPrimaryKey(relation), keys))
                .and(row(typeField, objectIdField).isDistinctFrom(typeId, id)).execute();
    }

    /** Django updates the instances too; unchanged, so a later store() does not write the key again. */
    private void pointInMemory(C child, TableField<C, ?> objectIdField, Object objectId) {
        child.set(relation.key().contentTypeField(), typeId);
        setObjectId(child, objectIdField, objectId);
        child.changed(relation.key().contentTypeField(), false);
        child.changed(objectIdField, false);
    }

    private static <R extends TableRecord<R>, I> void setObjectId(R record, TableField<R, I> field, Object value) {
        record.set(field, field.getType().cast(value));
    }
}
