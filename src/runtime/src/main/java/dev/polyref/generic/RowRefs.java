package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.Model;
import java.util.Arrays;
import java.util.Collection;
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
     * The rows' refs grouped by content type, and, when asked for, where each row's ref went: its type's place in
     * {@code types} and its key's position in that type's {@link TypeIds#keys}, where the loader stores the target
     * (place -1 for a row with no ref).
     */
    record Grouped(Map<ContentType, TypeIds> byType, ContentType[] types, int @Nullable [] places,
            int @Nullable [] positions) {}

    /**
     * The distinct keys of many rows by content type (in first-seen order), nulls skipped, with at most one
     * catalogue query for all their content types: one pass reads the columns, the registry is warmed with the
     * distinct type ids not seen yet, a second pass converts and groups. No ref is allocated per row. A type
     * with no known model keeps its raw ids (the load then fails on it, as a prefetch of refs would).
     *
     * @param positions whether to note where each row's ref went ({@code fetch} and {@code stream} pair rows
     *                  with their targets by it, without looking them up again)
     * @throws dev.polyref.ObjectIdCoercionException if an object id cannot be coerced to its target's key
     */
    Grouped group(Collection<? extends Record> rows, boolean positions) {
        int size = rows.size();
        // Each row's object id and its type's place in `met`, read once (place -1: the row has no ref)
        int[] places = new int[size];
        Object[] objectIds = new Object[size];
        Set<Integer> unknown = null;
        int present = 0;
        // The type ids met so far, scanned per row: a page has a few types, often interleaved row by row, and a
        // scan of a few ints is cheaper than a map lookup of a boxed id (the cache is asked once per type)
        int[] met = new int[8];
        int metCount = 0;
        int i = 0;
        for (Record row : rows) {
            Integer typeId = contentTypeId.get(requireNonNull(row, "rows[]"));
            Object id = objectId.get(row);
            int place = -1;
            if (typeId != null && id != null) {
                present++;
                objectIds[i] = id;
                int t = typeId;
                place = indexOf(met, metCount, t);
                if (place < 0) {
                    if (metCount == met.length) {
                        met = Arrays.copyOf(met, metCount * 2);
                    }
                    place = metCount;
                    met[metCount++] = t;
                    if (!types.containsKey(typeId)) {
                        (unknown == null ? unknown = new HashSet<>() : unknown).add(typeId);
                    }
                }
            }
            places[i++] = place;
        }
        if (unknown != null) {
            registry.getAllById(unknown);
        }
        // Each met type's group and model, at the type's place in `met`
        TypeIds[] groups = new TypeIds[metCount];
        Model<?, ?>[] models = new Model<?, ?>[metCount];
        Map<ContentType, TypeIds> grouped = new LinkedHashMap<>();
        int[] keyPositions = positions ? new int[size] : null;
        for (i = 0; i < size; i++) {
            int place = places[i];
            if (place < 0) {
                continue;
            }
            Object raw = objectIds[i];
            TypeIds group = groups[place];
            if (group == null) {
                Type type = type(met[place]);
                // Sized for an even spread over the types met; an index grows if one type has more
                group = new TypeIds(type.contentType(), type.model() == null ? null : type.model().keyType(),
                        Math.max(16, present / metCount));
                groups[place] = group;
                models[place] = type.model();
                grouped.put(type.contentType(), group);
            }
            Model<?, ?> model = models[place];
            Object keyValue = model == null || model.keyType().isInstance(raw) ? raw
                    : ObjectIds.toKey(raw, model, column);
            int position = group.keys.add(keyValue);
            if (keyValue != raw) {
                group.keyByRawId.put(raw, keyValue);
            }
            if (keyPositions != null) {
                keyPositions[i] = position;
            }
        }
        ContentType[] typesByPlace = new ContentType[metCount];
        for (int p = 0; p < metCount; p++) {
            typesByPlace[p] = groups[p].contentType;
        }
        return new Grouped(grouped, typesByPlace, positions ? places : null, keyPositions);
    }

    private static int indexOf(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
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
