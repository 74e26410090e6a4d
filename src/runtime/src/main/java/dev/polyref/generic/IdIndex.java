package dev.polyref.generic;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The distinct ids of one content type, numbered in first-seen order: a prefetch groups a page's ids into it,
 * binds them to its statements in that order, stores each loaded target at its id's position and finds it there
 * again by row. Bigint and integer keys, the common case, live in a {@link LongKeys} (no boxed key compared, no
 * node followed per lookup); keys of any other type (text, uuid, numeric, smallint) in a {@code HashMap}.
 *
 * <p>Equality is {@link Object#equals}'s, as in the sets and maps this replaces: a {@code Long} 1 and an
 * {@code Integer} 1 are different ids. The primitive table only ever holds keys of one class; a key of another
 * class moves the index to the map (a prefetch's keys all have their model's key type, so it never does).
 * Not thread-safe while filled; safe to read from many threads once published.
 */
final class IdIndex {

    /** {@code Long.class} or {@code Integer.class} while backed by {@link #longs}; null before the first key. */
    private @Nullable Class<?> primitive;
    private @Nullable LongKeys longs;
    private @Nullable Map<Object, Integer> positions;
    /** The ids as given, in first-seen order: what the statements bind, without boxing them again. */
    private Object[] keys;
    private int size;
    private final int expected;

    /**
     * @param keyType  the ids' type (the target model's key type), or null to go by the first id added
     * @param expected how many distinct ids are expected: nothing grows until then
     */
    IdIndex(@Nullable Class<?> keyType, int expected) {
        this.expected = Math.max(1, expected);
        this.keys = new Object[this.expected];
        if (keyType != null) {
            choose(keyType);
        }
    }

    /**
     * @param key an id, never null
     * @return the id's position, a new one (the current size) if it was not there
     */
    int add(Object key) {
        if (longs == null && positions == null) {
            choose(key.getClass());
        }
        int position;
        if (longs != null && key.getClass() == primitive) {
            position = longs.add(((Number) key).longValue());
            if (position < size) {
                return position;
            }
        } else {
            if (longs != null) {
                toMap();
            }
            Integer known = positions.putIfAbsent(key, size);
            if (known != null) {
                return known;
            }
            position = size;
        }
        if (position == keys.length) {
            keys = Arrays.copyOf(keys, (int) Math.min(Integer.MAX_VALUE - 8, 2L * position));
        }
        keys[position] = key;
        size = position + 1;
        return position;
    }

    /** @return the id's position, or -1 (also for an id of another class than the ids added) */
    int indexOf(Object key) {
        LongKeys table = longs;
        if (table != null) {
            return key.getClass() == primitive ? table.indexOf(((Number) key).longValue()) : -1;
        }
        if (positions == null) {
            return -1;
        }
        Integer position = positions.get(key);
        return position == null ? -1 : position;
    }

    /** @return the id at a position below {@link #size()} */
    Object get(int position) {
        if (position >= size) {
            throw new IndexOutOfBoundsException(position);
        }
        return keys[position];
    }

    int size() {
        return size;
    }

    /**
     * @return the ids in first-seen order: a view of those added so far, not copied (statements bind slices of
     *         it); unmodifiable
     */
    List<Object> keys() {
        return Collections.unmodifiableList(Arrays.asList(keys).subList(0, size));
    }

    private void choose(Class<?> keyType) {
        if (keyType == Long.class || keyType == Integer.class) {
            primitive = keyType;
            longs = new LongKeys(expected);
        } else {
            positions = new HashMap<>(TypeIds.capacity(expected));
        }
    }

    private void toMap() {
        Map<Object, Integer> map = new HashMap<>(TypeIds.capacity(Math.max(expected, size + 1)));
        for (int i = 0; i < size; i++) {
            map.put(keys[i], i);
        }
        positions = map;
        longs = null;
        primitive = null;
    }
}
