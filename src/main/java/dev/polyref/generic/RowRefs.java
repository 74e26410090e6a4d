package dev.polyref.generic;

import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.ModelType;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads the refs of one generic key from rows, remembering each content type id's type and model: this runs
 * twice per row of a prefetch (loading, then looking up), so it must cost a map lookup, not a registry call.
 * Thread-safe.
 */
final class RowRefs {

    private record Type(ContentType contentType, @Nullable ModelType<?, ?> model) {}

    private final GenericForeignKey<?, ?> key;
    private final ContentTypeRegistry registry;
    private final ConcurrentHashMap<Integer, Type> types = new ConcurrentHashMap<>();

    RowRefs(GenericForeignKey<?, ?> key, ContentTypeRegistry registry) {
        this.key = key;
        this.registry = registry;
    }

    /** @return the row's ref with a canonical id (raw when the type has no known model), or null */
    @Nullable GenericRef<TableRecord<?>> read(Record row) {
        Integer typeId = row.get(key.contentTypeField());
        Object objectId = row.get(key.objectIdField());
        if (typeId == null || objectId == null) {
            return null;
        }
        Type type = types.computeIfAbsent(typeId, id -> {
            ContentType contentType = registry.get(id);
            return new Type(contentType, registry.model(contentType).orElse(null));
        });
        Object id = type.model() == null ? objectId
                : ObjectIds.toKey(objectId, type.model(), () -> ObjectIds.column(key));
        return new GenericRef<>(type.contentType(), id);
    }
}
