package dev.polyref.catalogue;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue caches of one {@code Polyref}, one per database ({@link DatabaseKey}): content-type ids are local to a
 * database, so a lookup on one database never sees another's ids. The models are checked once and shared.
 */
final class ContentTypeCaches {

    private final ContentTypeCache first;
    private final ConcurrentHashMap<String, ContentTypeCache> byDatabase = new ConcurrentHashMap<>();

    ContentTypeCaches(Collection<? extends Model<?, ?>> models) {
        this.first = new ContentTypeCache(models);
    }

    /**
     * @param database a {@link DatabaseKey}
     * @return that database's cache, created empty on first use
     */
    ContentTypeCache of(String database) {
        return byDatabase.computeIfAbsent(database, d -> byDatabase.isEmpty() ? first : first.sharingModels());
    }

    /** @return how many databases have a cache (for tests and diagnostics) */
    int databases() {
        return byDatabase.size();
    }
}
