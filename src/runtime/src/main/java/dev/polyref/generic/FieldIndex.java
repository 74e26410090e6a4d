package dev.polyref.generic;

import org.jooq.Field;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/**
 * Reads one field from many records by index: {@code record.get(field)} looks the field up by name in every
 * record (a fifth of a prefetch's time at 100,000 rows); the records of one query share their fields, so the
 * index found in the first holds for the rest. Checked per record by identity, so a record with other fields
 * falls back to jOOQ's lookup and is never misread. Thread-safe: a race only recomputes the index.
 */
final class FieldIndex<T> {

    private final Field<T> field;
    private int index = -1;

    FieldIndex(Field<T> field) {
        this.field = field;
    }

    @SuppressWarnings("unchecked")
    @Nullable T get(Record record) {
        int i = index;
        if (i >= 0 && i < record.size() && record.field(i) == field) {
            return (T) record.get(i);
        }
        i = record.indexOf(field);
        if (i >= 0 && record.field(i) == field) {
            index = i;
            return (T) record.get(i);
        }
        // Another field of the same name, or none: jOOQ's own lookup (and its coercion, and its exception)
        return record.get(field);
    }
}
