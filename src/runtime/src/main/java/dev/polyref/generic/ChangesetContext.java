package dev.polyref.generic;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import dev.polyref.InvalidArgumentException;
import dev.polyref.UnsavedChildException;
import dev.polyref.generic.DefaultChangeset.ChangesetEdit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.RowN;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * What a changeset needs of its relation, parent and database: reading the records given, and the statements. One
 * per changeset (and one more bound to the transaction while applying); immutable.
 */
final class ChangesetContext<P extends TableRecord<P>, C extends TableRecord<C>> {

    private final GenericRelation<P, C> relation;
    private final DSLContext dsl;
    private final RelationSql<P, C> sql;
    private final int typeId;
    private final P parent;
    private final Object objectId;
    private final TableField<C, ?> primaryKey;
    private final @Nullable TableField<C, ?> version;

    ChangesetContext(GenericRelation<P, C> relation, DSLContext dsl, int typeId, P parent) {
        this.relation = relation;
        this.dsl = dsl;
        this.typeId = typeId;
        this.sql = new RelationSql<>(relation, typeId);
        this.parent = parent;
        this.objectId = RelationRecords.parentId(relation, parent);
        this.primaryKey = RelationRecords.childPrimaryKey(relation);
        this.version = versionColumn(relation.childTable());
    }

    private ChangesetContext(ChangesetContext<P, C> other, DSLContext dsl) {
        this.relation = other.relation;
        this.dsl = dsl;
        this.typeId = other.typeId;
        this.sql = other.sql;
        this.parent = other.parent;
        this.objectId = other.objectId;
        this.primaryKey = other.primaryKey;
        this.version = other.version;
    }

    ChangesetContext<P, C> on(DSLContext other) {
        return new ChangesetContext<>(this, other);
    }

    GenericRelation<P, C> relation() {
        return relation;
    }

    DSLContext dsl() {
        return dsl;
    }

    P parent() {
        return parent;
    }

    Object objectId() {
        return objectId;
    }

    TableField<C, ?> primaryKey() {
        return primaryKey;
    }

    @Nullable TableField<C, ?> versionField() {
        return version;
    }

    /** The columns a changeset never writes from the caller's values: the generic key's. */
    boolean isKeyColumn(Field<?> field) {
        return field.equals(relation.key().contentTypeField()) || field.equals(relation.key().objectIdField());
    }

    /**
     * The version column: jOOQ's record version (codegen's {@code recordVersionFields}) or a numeric column named
     * {@code version}, the common convention; null without one.
     */
    private static <C extends TableRecord<C>> @Nullable TableField<C, ?> versionColumn(Table<C> table) {
        TableField<C, ?> declared = table.getRecordVersion();
        if (declared != null) {
            return declared;
        }
        Field<?> named = table.field("version");
        if (named instanceof TableField<?, ?> column && Number.class.isAssignableFrom(named.getType())) {
            @SuppressWarnings("unchecked")
            TableField<C, ?> typed = (TableField<C, ?>) column;
            return typed;
        }
        return null;
    }

    /** A column of the child table, refusing fields of other tables. */
    Field<?> column(Field<?> field) {
        Field<?> column = relation.childTable().field(field);
        if (column == null) {
            throw new InvalidArgumentException("Changeset of " + relation + ": " + field
                    + " is not a column of " + relation.childType());
        }
        return column;
    }

    C copy(C row) {
        C copy = dsl.newRecord(relation.childTable());
        copy.from(row);
        copy.changed(false);
        return copy;
    }

    /** The columns marked changed of a caller's record, key columns left out; a fresh mutable map. */
    Map<Field<?>, @Nullable Object> changedValues(C child, String operation) {
        checkTable(child, operation);
        Map<Field<?>, @Nullable Object> values = new LinkedHashMap<>();
        for (Field<?> field : relation.childTable().fields()) {
            if (child.changed(field) && !isKeyColumn(field)) {
                values.put(field, child.get(field));
            }
        }
        return values;
    }

    Object keyOf(C child, String operation) {
        checkTable(child, operation);
        Object key = child.get(primaryKey);
        if (key == null) {
            throw new UnsavedChildException("Cannot " + operation + " a " + relation.childType()
                    + " record in a changeset of " + relation + ": its primary key " + relation.childType() + "."
                    + primaryKey.getName() + " is null; use add(...) for a new child");
        }
        return key;
    }

    @Nullable Object versionOf(C child) {
        return version == null ? null : child.get(version);
    }

    private void checkTable(C child, String operation) {
        if (!relation.childTable().getRecordType().isInstance(child)) {
            throw new dev.polyref.WrongTableException("Changeset of " + relation + " cannot " + operation
                    + " a record of " + child.getTable().getName() + "; expected a record of "
                    + relation.childType());
        }
    }

    /** The parent's children now, by primary key: one SELECT, locking them when applying. */
    Map<Object, C> fetchCurrent(boolean forUpdate) {
        SelectConditionStep<C> select = dsl.selectFrom(relation.childTable()).where(sql.childrenOf(objectId));
        Result<C> rows = forUpdate ? select.orderBy(primaryKey).forUpdate().fetch()
                : select.orderBy(primaryKey).fetch();
        Map<Object, C> byKey = new LinkedHashMap<>();
        for (C row : rows) {
            byKey.put(row.get(primaryKey), row);
        }
        return byKey;
    }

    /**
     * A transaction-scoped advisory lock on this relation's children of this parent, so changesets of one parent
     * run one after another: without it two could each add a row and together exceed maxChildren or break
     * uniqueness, because FOR UPDATE does not lock rows that do not exist yet. The key is a hash of the relation
     * and the parent; a collision only makes unrelated changesets wait for each other.
     */
    void lockParent() {
        String key = "polyref.changeset " + relation.key() + " " + typeId + " " + objectId;
        dsl.execute("select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended({0}, 0))", val(key));
    }

    void delete(List<Object> keys) {
        if (keys.isEmpty()) {
            return;
        }
        dsl.deleteFrom(relation.childTable()).where(sql.childrenOf(objectId))
                .and(ObjectIdSql.anyOf(primaryKey, keys)).execute();
    }

    /**
     * One {@code UPDATE child SET c = v.c, ... FROM (VALUES (...), ...) v WHERE child.pk = v.pk} for every
     * changed row. Rows changing different columns share the statement: each row carries its new value or the
     * value read (locked, so still current) in every column any change touches.
     */
    void update(List<ChangesetEdit> changed, Map<Object, C> current) {
        if (changed.isEmpty()) {
            return;
        }
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> field : relation.childTable().fields()) {
            if (changed.stream().anyMatch(e -> e.values().containsKey(field)) && !field.equals(version)) {
                columns.add(field);
            }
        }
        List<Name> names = new ArrayList<>();
        names.add(name("polyref_key"));
        for (int i = 0; i < columns.size(); i++) {
            names.add(name("c" + i));
        }
        List<RowN> rows = new ArrayList<>();
        for (ChangesetEdit edit : changed) {
            List<Field<?>> values = new ArrayList<>();
            values.add(typed(edit.key(), primaryKey.getDataType()));
            C now = current.get(edit.key());
            for (Field<?> column : columns) {
                Object value = edit.values().containsKey(column) ? edit.values().get(column)
                        : now == null ? null : now.get(column);
                values.add(typed(value, column.getDataType()));
            }
            rows.add(DSL.row(values));
        }
        Table<Record> v = DSL.values(rows.toArray(RowN[]::new)).as(name("polyref_changes"), names.toArray(Name[]::new));
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            set.put(columns.get(i), v.field(i + 1));
        }
        if (version != null) {
            set.put(version, field("{0} + 1", version.getDataType(), version));
        }
        dsl.update(relation.childTable()).set(set).from(v)
                .where(equal(primaryKey, v.field(0))).and(sql.childrenOf(objectId)).execute();
    }

    /** One multi-row {@code INSERT ... RETURNING}; a column an addition did not set gets DEFAULT. */
    List<C> insert(List<Map<Field<?>, @Nullable Object>> additions) {
        if (additions.isEmpty()) {
            return List.of();
        }
        TableField<C, Integer> typeField = relation.key().contentTypeField();
        TableField<C, ?> idField = relation.key().objectIdField();
        List<Field<?>> columns = new ArrayList<>(List.of(typeField, idField));
        for (Field<?> field : relation.childTable().fields()) {
            if (additions.stream().anyMatch(a -> a.containsKey(field))) {
                columns.add(field);
            }
        }
        var insert = dsl.insertInto(relation.childTable(), columns);
        for (Map<Field<?>, @Nullable Object> addition : additions) {
            List<Field<?>> values = new ArrayList<>();
            values.add(inline(typeId));
            values.add(val(objectId, idField.getDataType()));
            for (Field<?> column : columns.subList(2, columns.size())) {
                values.add(addition.containsKey(column) ? val(addition.get(column), column.getDataType())
                        : DSL.default_(column.getDataType()));
            }
            insert = insert.values(values);
        }
        return new ArrayList<>(insert.returning().fetch());
    }

    /**
     * A VALUES cell with an explicit type, which PostgreSQL needs to type a VALUES list of bind values. Text goes
     * as {@code text}, never as {@code varchar(n)}: an explicit cast to {@code varchar(n)} would silently truncate,
     * the assignment to the column raises instead.
     */
    private static Field<?> typed(@Nullable Object value, DataType<?> type) {
        DataType<?> as = type.getType() == String.class ? SQLDataType.CLOB : type.nullable(true);
        return DSL.cast(val(value, as), as);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.jooq.Condition equal(Field<?> left, Field<?> right) {
        return ((Field) left).eq((Field) right);
    }
}
