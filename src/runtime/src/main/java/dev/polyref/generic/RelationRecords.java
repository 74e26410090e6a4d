package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.PolyrefException;
import dev.polyref.UnsavedChildException;
import dev.polyref.WrongTableException;
import dev.polyref.catalogue.NaturalKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;

/**
 * Checks on the records given to a relation, run before any statement. Generics make a record of a wrong table
 * impossible in typed code, so the table checks only catch raw and unchecked uses, with a clear message.
 */
final class RelationRecords {

    private RelationRecords() {}

    /** @return the parent's primary key converted for the object-id column */
    static Object parentId(GenericRelation<?, ?> relation, TableRecord<?> parent) {
        requireNonNull(parent, "parent");
        checkTable(relation, relation.parent().table(), parent, "parent");
        return Targets.objectId(relation.key(), parent);
    }

    /** @return the primary keys of stored children, in order */
    static List<Object> childKeys(GenericRelation<?, ?> relation, Collection<? extends TableRecord<?>> children,
            String operation) {
        requireNonNull(children, "children");
        TableField<?, ?> pk = childPrimaryKey(relation);
        List<Object> keys = new ArrayList<>(children.size());
        for (TableRecord<?> child : children) {
            checkTable(relation, relation.childTable(), requireNonNull(child, "children[]"), "child");
            Object key = child.get(pk);
            if (key == null) {
                NaturalKey type = relation.childType();
                throw new UnsavedChildException("Cannot " + operation + " an unsaved " + type + " record through "
                        + "relation " + relation + ": its primary key " + type + "." + pk.getName()
                        + " is null; store it first, or use create(...)");
            }
            keys.add(key);
        }
        return keys;
    }

    static <C extends TableRecord<C>> TableField<C, ?> childPrimaryKey(GenericRelation<?, C> relation) {
        UniqueKey<C> pk = relation.childTable().getPrimaryKey();
        if (pk == null || pk.getFields().size() != 1) {
            throw new PolyrefException("Relation " + relation + ": table " + relation.childType()
                    + " has no single-column primary key, which add, remove and set need to name rows");
        }
        return pk.getFields().get(0);
    }

    // By record class: generated classes are one per table, and records of an alias share the class
    private static void checkTable(GenericRelation<?, ?> relation, Table<?> expected, TableRecord<?> record,
            String role) {
        if (!expected.getRecordType().isInstance(record)) {
            throw new WrongTableException("Relation " + relation + " expects a " + role + " of "
                    + NaturalKey.of(expected) + ", got a record of " + record.getTable().getName() + " ("
                    + record.getClass().getName() + ")");
        }
    }
}
