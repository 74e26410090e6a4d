package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.Model;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads the refs of one generic key from rows, remembering each content type id's type and model: this runs
 * twice per row of a prefetch (loading, then looking up), so it must cost a map lookup, not a registry call.
 * Thread-safe.
 */
final class RowRefs {

    private record Type(ContentType contentType, @Nullable Model<?, ?> model) {}

    private final GenericKey<?, ?> key;
    private final ContentTypeRegistry registry;
    private final ConcurrentHashMap<Integer, Type> types = new ConcurrentHashMap<>();
    // One message supplier for all rows, not a lambda per row
    private final Supplier<String> column;

    RowRefs(GenericKey<?, ?> key, ContentTypeRegistry registry) {
        this.key = key;
        this.registry = registry;
        this.column = () -> ObjectIds.column(key);
    }

    /** @return the row's ref with a canonical id (raw when the type has no known model), or null */
    @Nullable GenericRef<TableRecord<?>> read(Record row) {
        Integer typeId = row.get(key.contentTypeField());
        Object objectId = row.get(key.objectIdField());
        return typeId == null || objectId == null ? null : ref(typeId, objectId);
    }

    /**
     * The refs of many rows, nulls skipped, with at most one catalogue query for all their content types:
     * one pass reads the columns, the registry is warmed with the distinct type ids, a second pass converts.
     * Each row's raw object id is added to {@code rawIds}, in the order of the refs.
     */
    List<GenericRef<?>> readAll(Collection<? extends Record> rows, List<Object> rawIds) {
        int[] typeIds = new int[rows.size()];
        Object[] objectIds = new Object[rows.size()];
        Set<Integer> distinct = new HashSet<>();
        int n = 0;
        for (Record row : rows) {
            Integer typeId = requireNonNull(row, "rows[]").get(key.contentTypeField());
            Object objectId = row.get(key.objectIdField());
            if (typeId != null && objectId != null) {
                typeIds[n] = typeId;
                objectIds[n++] = objectId;
                distinct.add(typeId);
            }
        }
        distinct.removeAll(types.keySet());
        registry.getAllById(distinct);
        List<GenericRef<?>> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            refs.add(ref(typeIds[i], objectIds[i]));
            rawIds.add(objectIds[i]);
        }
        return refs;
    }

    private GenericRef<TableRecord<?>> ref(Integer typeId, Object objectId) {
        Type type = types.get(typeId);
        if (type == null) {
            ContentType contentType = registry.get(typeId);
            type = new Type(contentType, registry.findModel(contentType).orElse(null));
            types.put(typeId, type);
        }
        Model<?, ?> model = type.model();
        Object id = model == null ? objectId : ObjectIds.toKey(objectId, model, column);
        return new GenericRef<>(type.contentType(), id);
    }
}
