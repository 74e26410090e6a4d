package dev.polyref.generic;

import java.util.Arrays;

/**
 * A set of {@code long}s that numbers its distinct values in first-seen order (0, 1, 2...): the primitive index
 * behind {@link IdIndex} for bigint and integer keys. A prefetch looks every row's id up a few times (grouping,
 * storing the loaded target, finding it again); in a {@code HashMap} of boxed ids each of those follows a bucket
 * to a node to a {@code Long} to compare, where here it reads one {@code int} slot and one {@code long}.
 *
 * <p>Open addressing with linear probing over a power-of-two table of positions (position + 1; 0 is an empty
 * slot, so every {@code long}, 0 and {@link Long#MIN_VALUE} included, is a valid key); the values themselves sit
 * in insertion order in a second array, which is also the iteration order. The table grows to keep the load at
 * most one half: an {@code int} slot is cheap, and short probe runs keep misses (dangling ids) fast. Nothing is
 * ever removed. Not thread-safe while filled; safe to read from many threads once published.
 */
final class LongKeys {

    /** The most distinct keys: the table of twice as many slots must be an array. */
    static final int MAX_SIZE = 1 << 29;

    private long[] keys;
    private int size;
    private int[] slots;
    private int mask;

    /** @param expected how many distinct keys will be added: the table is sized not to grow until then */
    LongKeys(int expected) {
        int wanted = Math.max(4, Math.min(expected, MAX_SIZE));
        keys = new long[wanted];
        slots = new int[tableSize(wanted)];
        mask = slots.length - 1;
    }

    /** @return the key's position, a new one (the current size) if it was not there */
    int add(long key) {
        int slot = slot(key);
        for (int p; (p = slots[slot]) != 0; slot = (slot + 1) & mask) {
            if (keys[p - 1] == key) {
                return p - 1;
            }
        }
        int position = size;
        if (position == keys.length) {
            if (position == MAX_SIZE) {
                throw new IllegalStateException("More than " + MAX_SIZE + " distinct ids");
            }
            keys = Arrays.copyOf(keys, (int) Math.min(MAX_SIZE, 2L * position));
        }
        keys[position] = key;
        size = position + 1;
        slots[slot] = size;
        if (size > slots.length >>> 1) {
            rehash(slots.length << 1);
        }
        return position;
    }

    /** @return the key's position, or -1 */
    int indexOf(long key) {
        int[] table = slots;
        int m = table.length - 1;
        for (int slot = mix(key) & m, p; (p = table[slot]) != 0; slot = (slot + 1) & m) {
            if (keys[p - 1] == key) {
                return p - 1;
            }
        }
        return -1;
    }

    /** @return the key at a position below {@link #size()} */
    long get(int position) {
        if (position >= size) {
            throw new IndexOutOfBoundsException(position);
        }
        return keys[position];
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        return mix(key) & mask;
    }

    /**
     * The 64-bit finaliser of MurmurHash3: every input bit affects every output bit, so sequential ids, ids with
     * zero low bits (snowflake-style) and negative ids all spread over the table's low bits.
     */
    static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    private void rehash(int capacity) {
        int[] table = new int[capacity];
        int newMask = capacity - 1;
        // Positions in insertion order: each key goes to the first free slot of its run, as add would put it
        for (int position = 0; position < size; position++) {
            int slot = mix(keys[position]) & newMask;
            while (table[slot] != 0) {
                slot = (slot + 1) & newMask;
            }
            table[slot] = position + 1;
        }
        slots = table;
        mask = newMask;
    }

    /** A power of two of at least twice the keys (load at most one half), at most 2^30. */
    private static int tableSize(int keys) {
        return Math.max(8, Integer.highestOneBit(Math.max(1, keys - 1)) << 2);
    }
}
