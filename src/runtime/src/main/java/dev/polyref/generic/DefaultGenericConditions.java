package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;
import static dev.polyref.generic.ObjectIdSql.exists;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.selectOne;

import dev.polyref.ObjectIdCoercionException;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.Model;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/** Conditions over a registry; no state of its own. */
final class DefaultGenericConditions implements GenericConditions {

    private final ContentTypeRegistry registry;

    DefaultGenericConditions(ContentTypeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Condition pointsAt(GenericKey<?, ?> key, TableRecord<?> target) {
        requireNonNull(key, "key");
        requireNonNull(target, "target");
        return pointsAt(key, registry.get(target), Targets.objectId(key, target));
    }

    @Override
    public Condition pointsAt(GenericKey<?, ?> key, GenericRef<?> ref) {
        requireNonNull(key, "key");
        requireNonNull(ref, "ref");
        Targets.checkAllowed(key, ref.contentType().naturalKey());
        Object value = ObjectIds.convert(ref.objectId(), key.objectIdField().getType());
        if (value == null) {
            throw new ObjectIdCoercionException("Object id of ref " + ref + " cannot be compared with the "
                    + ObjectIds.sqlType(key.objectIdField().getType()) + " object-id column " + ObjectIds.column(key));
        }
        // A ref carries its content type's natural key across databases; its id is only valid in the database it
        // was read from, so the id compared here is this database's (a cache hit once the type is known)
        return pointsAt(key, registry.get(ref.contentType().naturalKey()), value);
    }

    private static <I> Condition pointsAt(GenericKey<?, I> key, ContentType type, Object objectId) {
        TableField<?, I> column = key.objectIdField();
        return key.contentTypeField().eq(key.storedTypeId(type))
                .and(ObjectIdSql.equal(column, column.getType().cast(objectId)));
    }

    @Override
    public Condition pointsAtAny(GenericKey<?, ?> key, Collection<? extends TableRecord<?>> targets) {
        requireNonNull(key, "key");
        requireNonNull(targets, "targets");
        if (targets.isEmpty()) {
            return falseCondition();
        }
        Map<Table<?>, List<Object>> byTable = new LinkedHashMap<>();
        for (TableRecord<?> target : targets) {
            byTable.computeIfAbsent(requireNonNull(target, "targets[]").getTable(), t -> new ArrayList<>())
                    .add(Targets.objectId(key, target));
        }
        Map<Table<?>, ContentType> types = registry.getAll(byTable.keySet());
        List<Condition> perType = new ArrayList<>();
        byTable.forEach((table, ids) -> perType.add(
                key.contentTypeField().eq(key.storedTypeId(types.get(table))).and(ObjectIdSql.anyOf(key.objectIdField(), ids))));
        return or(perType);
    }

    @Override
    public Condition pointsAtType(GenericKey<?, ?> key, Model<?, ?> type) {
        requireNonNull(key, "key");
        Targets.checkAllowed(key, requireNonNull(type, "type").naturalKey());
        return key.contentTypeField().eq(key.storedTypeId(registry.get(type)));
    }

    @Override
    public <T extends TableRecord<T>> Condition targetMatches(GenericKey<?, ?> key, Model<T, ?> type,
            Condition condition) {
        requireNonNull(condition, "condition");
        Condition isType = pointsAtType(key, type);
        Condition exists = existsTarget(key.objectIdField(), type, condition);
        return exists == null ? falseCondition() : isType.and(exists);
    }

    private static <T extends TableRecord<T>, K> @Nullable Condition existsTarget(Field<?> objectId, Model<T, K> type,
            Condition condition) {
        Field<K> asKey = ObjectIdSql.asKey(objectId, type.keyType());
        if (asKey == null) {
            return null;
        }
        // Correlated on the key's index: pk = <outer object id as the key's type>
        return exists(selectOne().from(type.table()).where(ObjectIdSql.equal(type.primaryKey(), asKey)).and(condition));
    }
}
