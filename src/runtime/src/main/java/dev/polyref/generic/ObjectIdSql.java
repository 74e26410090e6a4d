package dev.polyref.generic;

import static org.jooq.impl.DSL.cast;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.impl.SQLDataType;
import org.jooq.util.postgres.PostgresUtils;
import org.jspecify.annotations.Nullable;

/**
 * The coercion rules of {@link GenericKey} as SQL expressions; see {@link ObjectIds}.
 *
 * <p>Comparisons name PostgreSQL's own operators ({@code operator(pg_catalog.=)}): an object id and a key, or a
 * column and a bind, are often of different types (bigint and integer; text and pgjdbc's varchar binds), and for
 * those PostgreSQL takes the operator whose argument types match best from <em>any</em> schema on the caller's
 * {@code search_path}, so a plain {@code =} could run an operator someone else created for exactly those types.
 */
final class ObjectIdSql {

    private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ObjectIdSql() {}

    /**
     * {@code column = ANY(CAST(? AS type[]))}: the values bound as one array of the column's type, never one bind
     * each. The bind is the array's text form as a varchar, as jOOQ 3.19 binds arrays; jOOQ 3.20 and later bind it
     * untyped, and pgjdbc then describes the statement once it is prepared on the server and, for rows of
     * unbounded size (any text column), sends each statement of a multi-statement call in its own round trip.
     */
    static <K> Condition anyOf(Field<K> column, List<?> values) {
        return anyOf(column, values, true);
    }

    /**
     * {@link #anyOf(Field, List)} always with the array as text: one-round-trip calls are cut by the bytes of
     * the ids' text ({@link CallBudget}), and a binary bigint array takes 12 bytes an id, more than the text of
     * ids below 10^11.
     */
    static <K> Condition anyOfText(Field<K> column, List<?> values) {
        return anyOf(column, values, false);
    }

    @SuppressWarnings("unchecked")
    private static <K> Condition anyOf(Field<K> column, List<?> values, boolean binary) {
        K[] array = (K[]) Array.newInstance(column.getType(), values.size());
        for (int i = 0; i < array.length; i++) {
            array[i] = column.getType().cast(values.get(i));
        }
        if (binary && column.getType() == Long.class && column.getDataType().getBinding().getClass().getName()
                .startsWith("org.jooq.impl.")) {
            // bigint keys, the common case: one binary array, no text to format and parse (BigintArrayBinding)
            return condition("{0} operator(pg_catalog.=) any ({1})", column, val((Long[]) array,
                    BigintArrayBinding.TYPE));
        }
        return condition("{0} operator(pg_catalog.=) any ({1})", column,
                cast(val(PostgresUtils.toPGArrayString(array), SQLDataType.VARCHAR),
                        column.getDataType().getArrayDataType()));
    }

    /**
     * {@code EXISTS (subquery)}, written as a template: jOOQ 3.20 turned {@code DSL.exists(Select)} into
     * {@code exists(TableLike)}, so a call compiled against jOOQ 3.19 fails with {@code NoSuchMethodError} on 3.21,
     * and one Polyref jar serves both lines (docs/compatibility.md).
     */
    static Condition exists(Select<?> subquery) {
        return condition("exists ({0})", subquery);
    }

    /** {@code left = right} with PostgreSQL's own {@code =}, for sides whose SQL types may differ. */
    static Condition equal(Field<?> left, Field<?> right) {
        return condition("{0} operator(pg_catalog.=) {1}", left, right);
    }

    /** {@code column = ?} with PostgreSQL's own {@code =}: pgjdbc binds a String as varchar, not text. */
    static <T> Condition equal(Field<T> column, T value) {
        return equal(column, val(value, column));
    }

    /**
     * The object-id column as a value of the target's key type: NULL on rows whose text is not the key's
     * canonical spelling, so comparisons never match them and casts never fail.
     *
     * @return the expression, or null when no value of the column can be such a key (uuid vs integer)
     */
    @SuppressWarnings("unchecked")
    static <K> @Nullable Field<K> asKey(Field<?> objectId, Class<K> keyType) {
        Class<?> idType = objectId.getType();
        boolean integralKey = keyType == Long.class || keyType == Integer.class || keyType == Short.class;
        if (idType == keyType || (idType == Long.class && integralKey)) {
            // Same type, or integer = bigint: PostgreSQL compares across integer types and uses the key's index
            return objectId.coerce(keyType);
        }
        if (keyType == String.class) {
            return objectId.cast(SQLDataType.CLOB).coerce(keyType);
        }
        if (idType != String.class) {
            return null;
        }
        Field<String> text = (Field<String>) objectId;
        if (integralKey) {
            // CASE fixes the evaluation order: the cast only sees text that is a bigint
            return when(matches(text, ObjectIds.INTEGER_SPELLING),
                    when(text.cast(SQLDataType.NUMERIC).between(MIN, MAX), text.cast(SQLDataType.BIGINT)))
                    .coerce(keyType);
        }
        if (keyType == UUID.class) {
            return when(matches(text, ObjectIds.UUID_SPELLING), text.cast(SQLDataType.UUID)).coerce(keyType);
        }
        return null;
    }

    /** {@code text ~ 'pattern'} with PostgreSQL's own {@code ~}; the pattern inlined, as it never changes. */
    private static Condition matches(Field<String> text, String pattern) {
        return condition("{0} operator(pg_catalog.~) {1}", text, inline(pattern));
    }
}
