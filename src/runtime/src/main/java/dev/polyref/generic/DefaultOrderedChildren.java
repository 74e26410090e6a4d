package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import dev.polyref.InvalidArgumentException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;

/** Ordered children over one order column; immutable, one statement per call. */
final class DefaultOrderedChildren<P extends TableRecord<P>, C extends TableRecord<C>>
        implements OrderedChildren<P, C> {

    private final GenericRelation<P, C> relation;
    private final DSLContext dsl;
    private final RelationSql<P, C> sql;
    private final int typeId;
    private final TableField<C, ? extends Number> position;

    DefaultOrderedChildren(GenericRelation<P, C> relation, DSLContext dsl, RelationSql<P, C> sql, int typeId,
            TableField<C, ? extends Number> position) {
        if (!relation.childTable().equals(position.getTable())) {
            throw new InvalidArgumentException("The order column of " + relation + " must be a column of "
                    + relation.childType() + ", got " + position);
        }
        this.relation = relation;
        this.dsl = dsl;
        this.sql = sql;
        this.typeId = typeId;
        this.position = position;
    }

    @Override
    public Result<C> fetch(P parent) {
        Object objectId = RelationRecords.parentId(relation, parent);
        return dsl.selectFrom(relation.childTable()).where(sql.childrenOf(objectId))
                .orderBy(position, RelationRecords.childPrimaryKey(relation)).fetch();
    }

    @Override
    public List<Object> fetchOrder(P parent) {
        Object objectId = RelationRecords.parentId(relation, parent);
        TableField<C, ?> pk = RelationRecords.childPrimaryKey(relation);
        return new ArrayList<>(dsl.select(pk).from(relation.childTable()).where(sql.childrenOf(objectId))
                .orderBy(position, pk).fetch(pk));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int setOrder(P parent, List<?> childKeys) {
        Object objectId = RelationRecords.parentId(relation, parent);
        requireNonNull(childKeys, "childKeys");
        TableField<C, ?> pk = RelationRecords.childPrimaryKey(relation);
        Set<Object> seen = new HashSet<>();
        Object keys = Array.newInstance(pk.getType(), childKeys.size());
        for (int i = 0; i < childKeys.size(); i++) {
            Object key = childKeys.get(i);
            if (key == null || !seen.add(key)) {
                throw new InvalidArgumentException("setOrder of " + relation + ": key " + key + " at index " + i
                        + " is " + (key == null ? "null" : "repeated"));
            }
            Array.set(keys, i, pk.getType().cast(key));
        }
        if (childKeys.isEmpty()) {
            return 0;
        }
        // unnest(?) WITH ORDINALITY numbers the keys 1..n in the order given: one bind, one statement
        Table<Record> order = table("unnest({0}) with ordinality", val(keys, pk.getDataType().getArrayDataType()))
                .as(name("polyref_order"), name("key"), name("ordinality"));
        Field<Long> ordinality = field(name("polyref_order", "ordinality"), Long.class);
        return dsl.update(relation.childTable())
                .set(position, (Field) ordinality.minus(inline(1L)).cast(position.getDataType()))
                .from(order)
                .where(((Field) pk).eq(field(name("polyref_order", "key"), pk.getDataType())))
                .and(sql.childrenOf(objectId)).execute();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public C append(P parent, Consumer<? super C> values) {
        Object objectId = RelationRecords.parentId(relation, parent);
        requireNonNull(values, "values");
        C child = dsl.newRecord(relation.childTable());
        values.accept(child);
        child.set(relation.key().contentTypeField(), typeId);
        setObjectId(child, relation.key().objectIdField(), objectId);
        child.changed(position, false);
        List<Field<?>> columns = new ArrayList<>();
        List<Field<?>> row = new ArrayList<>();
        for (Field<?> column : relation.childTable().fields()) {
            if (child.changed(column)) {
                columns.add(column);
                row.add(val(child.get(column), column.getDataType()));
            }
        }
        columns.add(position);
        Table<C> siblings = relation.childTable().as("polyref_siblings");
        Field<Number> last = (Field) siblings.field(position);
        row.add(field(select(coalesce(max(last).plus(inline(1)), inline(0)).cast(position.getDataType()))
                .from(siblings).where(sql.childrenOf(objectId, siblings))));
        return dsl.insertInto(relation.childTable()).columns(columns).select(select(row)).returning().fetchSingle();
    }

    private static <R extends TableRecord<R>, I> void setObjectId(R record, TableField<R, I> field, Object value) {
        record.set(field, field.getType().cast(value));
    }
}
