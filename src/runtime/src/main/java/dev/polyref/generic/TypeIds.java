package dev.polyref.generic;

import dev.polyref.catalogue.ContentType;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The distinct keys a prefetch loads for one content type, and which raw object ids (a text {@code '42'}) stand
 * for which key (42), so that a lookup by row converts nothing. Built by one prefetch, then handed to its result.
 */
final class TypeIds {

    final ContentType contentType;
    /** Each key once, in first-seen order (duplicates are fetched once; memory linear in distinct targets). */
    final Set<Object> keys;
    /** Only the raw ids that differ from their key: empty when the object-id column has the key's type. */
    final Map<Object, Object> keyByRawId = new HashMap<>();

    TypeIds(ContentType contentType, int expected) {
        this.contentType = contentType;
        // Sized for the expected ids at the default load factor: no rehash while filling
        this.keys = new LinkedHashSet<>(capacity(expected));
    }

    static int capacity(int entries) {
        return (int) Math.min(1 << 30, entries / 0.75f + 1);
    }
}
