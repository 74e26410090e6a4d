package dev.polyref.generic;

import static dev.polyref.generic.ObjectIdSql.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectFrom;
import static org.jooq.impl.DSL.selectOne;

import dev.polyref.InvalidArgumentException;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Result;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The SQL of one relation in one database: conditions and subqueries with the parent's content-type id inlined
 * (so two renderings of {@link #count} are the same expression to PostgreSQL's {@code GROUP BY}). Immutable.
 */
final class RelationSql<P extends TableRecord<P>, C extends TableRecord<C>> {


    private final GenericRelation<P, C> relation;
    private final Field<Integer> typeId;

    RelationSql(GenericRelation<P, C> relation, int typeId) {
        this.relation = relation;
        this.typeId = inline(typeId);
    }

    /** Whether an object-id column of {@code idType} can hold primary keys of {@code keyType}. */
    static boolean canHold(Class<?> idType, Class<?> keyType) {
        return dev.polyref.integrity.internal.ObjectIdRule.canHold(idType, keyType);
    }

    /**
     * The parent's key as a value of the object-id column: the key itself, or its canonical text. Never a cast
     * of the child column, which would fail on a non-numeric text id (Django #16055).
     */
    static <I> Field<I> asObjectId(Field<?> parentKey, Class<I> idType) {
        if (idType == String.class && parentKey.getType() != String.class) {
            // bigint::text and uuid::text are exactly ObjectIds' canonical spellings
            return parentKey.cast(SQLDataType.CLOB).coerce(idType);
        }
        // Same type, or an integer key against a bigint column: PostgreSQL compares these as they are
        return parentKey.coerce(idType);
    }

    /** {@code ct = X AND object_id = ?} for a parent key already converted to the object-id column's type. */
    Condition childrenOf(Object objectId) {
        return relation.key().contentTypeField().eq(typeId).and(objectIdEq(relation.key().objectIdField(), objectId));
    }

    /** {@link #childrenOf(Object)} over an alias of the child table. */
    @SuppressWarnings("unchecked")
    Condition childrenOf(Object objectId, Table<C> child) {
        Field<Object> id = (Field<Object>) column(child, relation.key().objectIdField());
        return column(child, relation.key().contentTypeField()).eq(typeId)
                .and(ObjectIdSql.equal(id, relation.key().objectIdField().getType().cast(objectId)));
    }

    /** {@code ct = X AND object_id = ANY(?)}, one array bind. */
    Condition childrenOfAny(List<?> objectIds) {
        return relation.key().contentTypeField().eq(typeId)
                .and(ObjectIdSql.anyOf(relation.key().objectIdField(), objectIds));
    }

    Condition join(Table<P> parent, Table<C> child) {
        Field<?> objectId = column(child, relation.key().objectIdField());
        return column(child, relation.key().contentTypeField()).eq(typeId)
                .and(objectIdMatches(objectId, column(parent, relation.parent().primaryKey())));
    }

    Field<Integer> count(Table<P> parent) {
        Table<C> child = inner();
        return field(selectCount().from(child).where(join(parent, child)));
    }

    Field<Result<C>> multiset(Table<P> parent) {
        Table<C> child = inner();
        return DSL.multiset(selectFrom(child).where(join(parent, child)).orderBy(order(child)));
    }

    Condition parentMatches(Condition condition) {
        Table<P> parent = relation.parent().table();
        Field<?> objectId = relation.key().objectIdField();
        return relation.key().contentTypeField().eq(typeId).and(exists(selectOne().from(parent)
                .where(semiJoinMatch(objectId, relation.parent().primaryKey())).and(condition)));
    }

    Condition hasChildren(Condition condition) {
        GenericKey<C, ?> key = relation.key();
        return exists(selectOne().from(relation.childTable()).where(key.contentTypeField().eq(typeId))
                .and(semiJoinMatch(key.objectIdField(), relation.parent().primaryKey())).and(condition));
    }

    /** The child table's primary key ascending, or nothing for a table without a single-column key. */
    List<SortField<?>> order(Table<C> child) {
        UniqueKey<C> pk = relation.childTable().getPrimaryKey();
        return pk == null || pk.getFields().size() != 1 ? List.of()
                : List.of(column(child, pk.getFields().get(0)).asc());
    }

    private static <I> Condition objectIdMatches(Field<I> objectId, Field<?> parentKey) {
        return ObjectIdSql.equal(objectId, asObjectId(parentKey, objectId.getType()));
    }

    /**
     * For EXISTS, which PostgreSQL may run from either side: a text object id against a non-text key also gets
     * the equivalent {@code parent.pk = <object id as a key>}, NULL unless the text is the canonical spelling (so
     * it never raises). Measured: with only {@code pk::text} a selective child filter scans the whole parent
     * table, with only the guarded form a selective parent filter scans the whole child table; with both each
     * side's index serves.
     */
    private static <K> Condition semiJoinMatch(Field<?> objectId, Field<K> parentKey) {
        Condition match = objectIdMatches(objectId, parentKey);
        if (objectId.getType() != String.class || parentKey.getType() == String.class) {
            return match;
        }
        Field<K> asKey = ObjectIdSql.asKey(objectId, parentKey.getType());
        return asKey == null ? match : match.and(ObjectIdSql.equal(parentKey, asKey));
    }

    private static <I> Condition objectIdEq(TableField<?, I> objectId, Object value) {
        return ObjectIdSql.equal(objectId, objectId.getType().cast(value));
    }

    /** The child table under an alias of its own, so a relation from a table to itself still correlates. */
    private Table<C> inner() {
        return relation.childTable().as("polyref_" + relation.childTable().getName());
    }

    private static <T> Field<T> column(Table<?> table, Field<T> field) {
        Field<T> column = table.field(field);
        if (column == null) {
            throw new InvalidArgumentException("Table " + table.getName() + " has no column " + field.getName()
                    + "; pass the relation's table or an alias of it");
        }
        return column;
    }
}
