package dev.polyref.generic;

import dev.polyref.catalogue.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The distinct keys a prefetch loads for one content type, and which raw object ids (a text {@code '42'}) stand
 * for which key (42), so that a lookup by row converts nothing. Built by one prefetch, then handed to its result.
 */
final class TypeIds {

    final ContentType contentType;
    /**
     * Each key once, in first-seen order (duplicates are fetched once; memory linear in distinct targets); the
     * loaded targets are stored by their key's position in it.
     */
    final IdIndex keys;
    /** Only the raw ids that differ from their key: empty when the object-id column has the key's type. */
    final Map<Object, Object> keyByRawId = new HashMap<>();

    /**
     * @param keyType  the target model's key type, or null when unknown (then the first key's class decides)
     * @param expected how many distinct keys are expected
     */
    TypeIds(ContentType contentType, @Nullable Class<?> keyType, int expected) {
        this.contentType = contentType;
        // Sized for the expected ids: no rehash while filling
        this.keys = new IdIndex(keyType, expected);
    }

    /** @return a {@code HashMap} capacity holding that many entries at the default load factor without a rehash */
    static int capacity(int entries) {
        return (int) Math.min(1 << 30, entries / 0.75f + 1);
    }
}
