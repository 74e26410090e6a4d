package dev.polyref.catalogue;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.MalformedDeclarationException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one catalogue cache of a {@code Polyref}: the models it was configured with and every committed content type
 * read so far, by id and by natural key. It holds no connection: every registry bound to a {@code DSLContext}
 * reads through that context and fills this cache, so bindings share what they learn.
 *
 * <p>Only rows that are committed are remembered (see {@link DefaultContentTypeRegistry}): a content type created
 * in a transaction that later rolls back is never served from here. Thread-safe.
 */
final class ContentTypeCache {

    private final Map<NaturalKey, Model<?, ?>> models;
    // Both maps always receive a content type together, so a lookup by one fills the other (as in Django).
    private final ConcurrentHashMap<Integer, ContentType> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<NaturalKey, ContentType> byKey = new ConcurrentHashMap<>();

    ContentTypeCache(Collection<? extends Model<?, ?>> models) {
        Map<NaturalKey, Model<?, ?>> byNaturalKey = new LinkedHashMap<>();
        for (Model<?, ?> model : requireNonNull(models, "models")) {
            requireNonNull(model, "models[]");
            Model<?, ?> clash = byNaturalKey.putIfAbsent(model.naturalKey(), model);
            if (clash != null && !clash.equals(model)) {
                throw new MalformedDeclarationException("Two models for content type " + model.naturalKey());
            }
        }
        this.models = Map.copyOf(byNaturalKey);
    }

    private ContentTypeCache(Map<NaturalKey, Model<?, ?>> models) {
        this.models = models;
    }

    /** @return an empty cache for another database, with the same (already checked) models */
    ContentTypeCache sharingModels() {
        return new ContentTypeCache(models);
    }

    Collection<Model<?, ?>> models() {
        return models.values();
    }

    Optional<Model<?, ?>> model(NaturalKey key) {
        return Optional.ofNullable(models.get(key));
    }

    ContentType byId(int id) {
        return byId.get(id);
    }

    ContentType byKey(NaturalKey key) {
        return byKey.get(key);
    }

    boolean hasId(int id) {
        return byId.containsKey(id);
    }

    boolean hasKey(NaturalKey key) {
        return byKey.containsKey(key);
    }

    void remember(ContentType contentType) {
        byId.put(contentType.id(), contentType);
        byKey.put(contentType.naturalKey(), contentType);
    }

    void clear() {
        byId.clear();
        byKey.clear();
    }
}
