package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;
import static org.jooq.impl.DSL.val;

import dev.polyref.InvalidArgumentException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Django's {@code get_or_create} and {@code update_or_create} on a relation, race-safe. With a unique key over
 * exactly the key columns and the lookup's columns, PostgreSQL arbitrates with {@code INSERT ... ON CONFLICT};
 * otherwise a transaction-scoped advisory lock on (relation, parent, lookup) serialises the callers, so two of
 * them never both find nothing and both insert. Used once and dropped.
 */
final class RelationUpserts<P extends TableRecord<P>, C extends TableRecord<C>> {

    private final GenericRelation<P, C> relation;
    private final DSLContext dsl;
    private final RelationSql<P, C> sql;
    private final int typeId;

    RelationUpserts(GenericRelation<P, C> relation, DSLContext dsl, RelationSql<P, C> sql, int typeId) {
        this.relation = relation;
        this.dsl = dsl;
        this.sql = sql;
        this.typeId = typeId;
    }

    FoundOrCreated<C> getOrCreate(P parent, Consumer<? super C> lookup, Consumer<? super C> defaults) {
        Object objectId = RelationRecords.parentId(relation, parent);
        Map<Field<?>, @Nullable Object> match = values(requireNonNull(lookup, "lookup"), "lookup");
        Map<Field<?>, @Nullable Object> extra = values(requireNonNull(defaults, "defaults"), "defaults");
        Condition where = sql.childrenOf(objectId).and(matches(match));
        // The common case first, as Django does: the row exists, one SELECT
        Optional<C> found = dsl.selectFrom(relation.childTable()).where(where).fetchOptional();
        if (found.isPresent()) {
            return new FoundOrCreated<>(found.get(), false);
        }
        Map<Field<?>, @Nullable Object> row = new LinkedHashMap<>(extra);
        row.putAll(match);   // the lookup wins over defaults, as in Django
        if (arbiter(match) != null) {
            // ON CONFLICT DO NOTHING waits for a concurrent inserter; if it inserted, our INSERT returns nothing
            // and a new SELECT (a new snapshot in READ COMMITTED) sees its row
            Optional<C> inserted = dsl.insertInto(relation.childTable()).set(keyed(row, objectId))
                    .onConflict(arbiter(match)).doNothing().returning().fetchOptional();
            return inserted.map(c -> new FoundOrCreated<>(c, true)).orElseGet(() ->
                    new FoundOrCreated<>(dsl.selectFrom(relation.childTable()).where(where).fetchSingle(), false));
        }
        return Atomically.run(dsl, tx -> {
            lock(tx, objectId, match);
            Optional<C> again = tx.selectFrom(relation.childTable()).where(where).fetchOptional();
            if (again.isPresent()) {
                return new FoundOrCreated<>(again.get(), false);
            }
            return new FoundOrCreated<>(tx.insertInto(relation.childTable()).set(keyed(row, objectId))
                    .returning().fetchSingle(), true);
        });
    }

    FoundOrCreated<C> updateOrCreate(P parent, Consumer<? super C> lookup, Consumer<? super C> values) {
        Object objectId = RelationRecords.parentId(relation, parent);
        Map<Field<?>, @Nullable Object> match = values(requireNonNull(lookup, "lookup"), "lookup");
        Map<Field<?>, @Nullable Object> update = values(requireNonNull(values, "values"), "values");
        Map<Field<?>, @Nullable Object> row = new LinkedHashMap<>(update);
        row.putAll(match);
        List<Field<?>> arbiter = arbiter(match);
        if (arbiter != null) {
            // One statement. xmax = 0 on the returned row version means it was inserted, not updated
            Map<Field<?>, Object> set = new LinkedHashMap<>();
            for (Field<?> field : (update.isEmpty() ? arbiter.subList(0, 1) : List.copyOf(update.keySet()))) {
                set.put(field, DSL.excluded(field));
            }
            List<Field<?>> returned = new ArrayList<>(List.of(relation.childTable().fields()));
            Field<Boolean> inserted = DSL.field("(xmax = 0)", Boolean.class).as("polyref_inserted");
            returned.add(inserted);
            Record result = dsl.insertInto(relation.childTable()).set(keyed(row, objectId)).onConflict(arbiter)
                    .doUpdate().set(set).returningResult(returned).fetchSingle();
            C child = result.into(relation.childTable());
            child.changed(false);
            return new FoundOrCreated<>(child, Boolean.TRUE.equals(result.get(inserted)));
        }
        Condition where = sql.childrenOf(objectId).and(matches(match));
        return Atomically.run(dsl, tx -> {
            lock(tx, objectId, match);
            Optional<C> found = tx.selectFrom(relation.childTable()).where(where).forUpdate().fetchOptional();
            if (found.isEmpty()) {
                return new FoundOrCreated<>(tx.insertInto(relation.childTable()).set(keyed(row, objectId))
                        .returning().fetchSingle(), true);
            }
            C child = found.get();
            if (!update.isEmpty()) {
                child = tx.update(relation.childTable()).set(update).where(where).returning().fetchSingle();
            }
            return new FoundOrCreated<>(child, false);
        });
    }

    /** The columns a consumer set on a fresh record; the generic key's columns are the relation's. */
    private Map<Field<?>, @Nullable Object> values(Consumer<? super C> fill, String what) {
        C record = dsl.newRecord(relation.childTable());
        fill.accept(record);
        Map<Field<?>, @Nullable Object> values = new LinkedHashMap<>();
        for (Field<?> field : relation.childTable().fields()) {
            if (record.changed(field)) {
                if (field.equals(relation.key().contentTypeField()) || field.equals(relation.key().objectIdField())) {
                    throw new InvalidArgumentException("The " + what + " of " + relation + " set "
                            + relation.childType() + "." + field.getName() + ", which the relation sets itself");
                }
                values.put(field, record.get(field));
            }
        }
        return values;
    }

    private Map<Field<?>, @Nullable Object> keyed(Map<Field<?>, @Nullable Object> row, Object objectId) {
        Map<Field<?>, @Nullable Object> keyed = new LinkedHashMap<>(row);
        keyed.put(relation.key().contentTypeField(), typeId);
        keyed.put(relation.key().objectIdField(), objectId);
        return keyed;
    }

    /** Equality, with IS NOT DISTINCT FROM for a null lookup value (Django's {@code field=None} is IS NULL). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Condition matches(Map<Field<?>, @Nullable Object> lookup) {
        Condition condition = DSL.noCondition();
        for (Map.Entry<Field<?>, @Nullable Object> e : lookup.entrySet()) {
            Field field = e.getKey();
            condition = condition.and(e.getValue() == null ? field.isNull() : field.eq(val(e.getValue(), field)));
        }
        return condition;
    }

    /**
     * The columns of a unique key that is exactly the generic key's two columns plus the lookup's, none of them
     * null in the lookup (NULLs never conflict); null when there is none.
     */
    private @Nullable List<Field<?>> arbiter(Map<Field<?>, @Nullable Object> lookup) {
        if (lookup.isEmpty() || lookup.containsValue(null)) {
            return null;
        }
        Set<Field<?>> wanted = new HashSet<>(lookup.keySet());
        wanted.add(relation.key().contentTypeField());
        wanted.add(relation.key().objectIdField());
        for (UniqueKey<C> key : relation.childTable().getKeys()) {
            List<? extends TableField<C, ?>> fields = key.getFields();
            if (fields.size() == wanted.size() && wanted.containsAll(fields)) {
                return List.copyOf(fields);
            }
        }
        return null;
    }

    /**
     * A transaction-scoped advisory lock on (relation, parent, lookup): callers with the same lookup run one after
     * another. A hash collision only makes unrelated callers wait.
     */
    private void lock(DSLContext tx, Object objectId, Map<Field<?>, @Nullable Object> lookup) {
        StringBuilder key = new StringBuilder("polyref.get_or_create ").append(relation.key()).append(' ')
                .append(typeId).append(' ').append(objectId);
        lookup.forEach((field, value) -> key.append(' ').append(field.getName()).append('=').append(value));
        tx.execute("select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended({0}, 0))",
                val(key.toString()));
    }
}
