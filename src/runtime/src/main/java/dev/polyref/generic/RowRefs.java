package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.Model;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads the refs of one generic key from rows, remembering each content type id's type and model: this runs
 * for every row of a prefetch, so it must cost a map lookup, not a registry call, and read its two columns by
 * index ({@link FieldIndex}). Thread-safe.
 */
final class RowRefs {

    private record Type(ContentType contentType, @Nullable Model<?, ?> model) {}

    private final GenericKey<?, ?> key;
    private final ContentTypeRegistry registry;
    private final ConcurrentHashMap<Integer, Type> types = new ConcurrentHashMap<>();
    private final FieldIndex<Integer> contentTypeId;
    private final FieldIndex<?> objectId;
    // One message supplier for all rows, not a lambda per row
    private final Supplier<String> column;

    RowRefs(GenericKey<?, ?> key, ContentTypeRegistry registry) {
        this.key = key;
        this.registry = registry;
        this.contentTypeId = new FieldIndex<>(key.contentTypeField());
        this.objectId = new FieldIndex<>(key.objectIdField());
        this.column = () -> ObjectIds.column(key);
    }

    /** @return the row's ref with a canonical id (raw when the type has no known model), or null */
    @Nullable GenericRef<TableRecord<?>> read(Record row) {
        Integer typeId = row.get(key.contentTypeField());
        Object id = row.get(key.objectIdField());
        if (typeId == null || id == null) {
            return null;
        }
        Type type = type(typeId);
        Model<?, ?> model = type.model();
        return new GenericRef<>(type.contentType(), model == null ? id : ObjectIds.toKey(id, model, column));
    }

    /**
     * The distinct keys of many rows by content type (in first-seen order), nulls skipped, with at most one
     * catalogue query for all their content types: one pass reads the columns, the registry is warmed with the
     * distinct type ids not seen yet, a second pass converts and groups. No ref is allocated per row. A type
     * with no known model keeps its raw ids (the load then fails on it, as a prefetch of refs would).
     *
     * @throws dev.polyref.ObjectIdCoercionException if an object id cannot be coerced to its target's key
     */
    Map<ContentType, TypeIds> group(Collection<? extends Record> rows) {
        int size = rows.size();
        Integer[] typeIds = new Integer[size];
        Object[] objectIds = new Object[size];
        Set<Integer> unknown = null;
        int n = 0;
        // Rows come in runs of one type: the cache is asked only when the type id changes
        int previous = 0;
        boolean any = false;
        for (Record row : rows) {
            Integer typeId = contentTypeId.get(requireNonNull(row, "rows[]"));
            Object id = objectId.get(row);
            if (typeId != null && id != null) {
                typeIds[n] = typeId;
                objectIds[n++] = id;
                if ((!any || typeId != previous) && !types.containsKey(typeId)) {
                    (unknown == null ? unknown = new HashSet<>() : unknown).add(typeId);
                }
                previous = typeId;
                any = true;
            }
        }
        if (unknown != null) {
            registry.getAllById(unknown);
        }
        Map<Integer, TypeIds> byTypeId = new HashMap<>();
        Map<ContentType, TypeIds> grouped = new LinkedHashMap<>();
        // The rows of a feed come in runs of one type, or a few types interleaved: remember the last one
        Integer lastTypeId = null;
        TypeIds last = null;
        Model<?, ?> lastModel = null;
        for (int i = 0; i < n; i++) {
            Integer typeId = typeIds[i];
            if (!typeId.equals(lastTypeId)) {
                Type type = type(typeId);
                last = byTypeId.get(typeId);
                if (last == null) {
                    // Sized for an even spread over 4 types; a set grows if one type has more
                    last = new TypeIds(type.contentType(), type.model() == null ? null : type.model().keyType(),
                            Math.max(16, n / 4));
                    byTypeId.put(typeId, last);
                    grouped.put(type.contentType(), last);
                }
                lastTypeId = typeId;
                lastModel = type.model();
            }
            Object raw = objectIds[i];
            Object keyValue = lastModel == null || lastModel.keyType().isInstance(raw) ? raw
                    : ObjectIds.toKey(raw, lastModel, column);
            last.keys.add(keyValue);
            if (keyValue != raw) {
                last.keyByRawId.put(raw, keyValue);
            }
        }
        return grouped;
    }

    private Type type(Integer typeId) {
        Type type = types.get(typeId);
        if (type == null) {
            ContentType contentType = registry.get(typeId);
            type = new Type(contentType, registry.findModel(contentType).orElse(null));
            types.put(typeId, type);
        }
        return type;
    }
}
