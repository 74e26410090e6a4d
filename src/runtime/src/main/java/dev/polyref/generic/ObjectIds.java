package dev.polyref.generic;

import dev.polyref.ObjectIdCoercionException;
import dev.polyref.catalogue.Model;
import dev.polyref.catalogue.NaturalKey;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The coercion rules of {@link GenericKey}, in Java. {@link ObjectIdSql} applies the same rules in SQL,
 * with the same patterns, so a lookup and a condition never disagree.
 */
final class ObjectIds {

    /** The one spelling of an integer key in a text column: no sign but '-', no leading zero, no blanks. */
    static final String INTEGER_SPELLING = "^(0|-?[1-9][0-9]{0,18})$";
    /** The one spelling of a uuid key in a text column: lower-case, dashed (PostgreSQL's and Java's output). */
    static final String UUID_SPELLING = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private static final Pattern INTEGER = Pattern.compile(INTEGER_SPELLING);
    private static final Pattern UUIDS = Pattern.compile(UUID_SPELLING);
    private static final Map<Class<?>, String> SQL_TYPES = Map.of(Long.class, "bigint", Integer.class, "integer",
            Short.class, "smallint", String.class, "text", UUID.class, "uuid");

    private ObjectIds() {}

    /** @return {@code value} as {@code type}, or null when the rules do not allow it */
    static @Nullable Object convert(Object value, Class<?> type) {
        if (type.isInstance(value)) {
            return value;
        }
        if (type == String.class) {
            return value instanceof Number || value instanceof UUID ? value.toString() : null;
        }
        if (type == UUID.class) {
            return value instanceof String s && UUIDS.matcher(s).matches() ? UUID.fromString(s) : null;
        }
        if (type == Long.class || type == Integer.class || type == Short.class) {
            Long wide = integral(value);
            return wide == null ? null : narrow(wide, type);
        }
        return null;
    }

    /**
     * Reads an object-id value as the target's primary key.
     *
     * @param where the column or ref the value comes from, for the message (built only on failure: this runs
     *              once per row of a prefetch)
     */
    static Object toKey(Object value, Model<?, ?> target, Supplier<String> where) {
        Object key = convert(value, target.keyType());
        if (key == null) {
            throw new ObjectIdCoercionException("Object id " + quote(value) + " in " + where.get()
                    + " cannot be coerced to the " + sqlType(target.keyType()) + " primary key "
                    + target.naturalKey() + "." + target.primaryKey().getName() + rule(target.keyType()));
        }
        return key;
    }

    /** Converts a target's primary key for the key's object-id column. */
    static <I> I toColumn(Object primaryKey, GenericKey<?, I> key, NaturalKey target, String pkColumn) {
        Class<I> type = key.objectIdField().getType();
        Object value = convert(primaryKey, type);
        if (value == null) {
            throw new ObjectIdCoercionException("Primary key " + quote(primaryKey) + " of " + target + "."
                    + pkColumn + " cannot be stored in the " + sqlType(type) + " object-id column "
                    + column(key) + rule(type));
        }
        return type.cast(value);
    }

    /** @return {@code schema.table.object_id_column} */
    static String column(GenericKey<?, ?> key) {
        return NaturalKey.of(key.table()) + "." + key.objectIdField().getName();
    }

    static String sqlType(Class<?> type) {
        return SQL_TYPES.getOrDefault(type, type.getSimpleName());
    }

    private static @Nullable Long integral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof String s && INTEGER.matcher(s).matches()) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException outOfRange) {
                return null;
            }
        }
        return null;
    }

    private static @Nullable Object narrow(long value, Class<?> type) {
        if (type == Long.class) {
            return value;
        }
        if (type == Integer.class) {
            return value == (int) value ? Integer.valueOf((int) value) : null;
        }
        return value == (short) value ? Short.valueOf((short) value) : null;
    }

    private static String rule(Class<?> type) {
        if (type == UUID.class) {
            return " (expected a uuid, as text in lower-case dashed form)";
        }
        if (type == String.class) {
            return " (expected text, a number or a uuid)";
        }
        return " (expected an integer in range, as text in plain decimal form: no '+', no leading zeros, no blanks)";
    }

    private static String quote(Object value) {
        return value instanceof String ? "'" + value + "'" : value + " (" + sqlType(value.getClass()) + ")";
    }
}
