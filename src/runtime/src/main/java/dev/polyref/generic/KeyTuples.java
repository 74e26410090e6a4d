package dev.polyref.generic;

import static org.jooq.impl.DSL.cast;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.util.postgres.PostgresUtils;
import org.jspecify.annotations.Nullable;

/**
 * The values of a (possibly multi-column) key as one lookup value, and a set of them as SQL: one array per
 * column, {@code ROWS FROM (pg_catalog.unnest(CAST(? AS bigint[])), pg_catalog.unnest(CAST(? AS text[])))}, so
 * a statement's text and its number of binds stay the same whatever the number of keys (one prepared statement,
 * no bind limit).
 *
 * <p>A one-column key is its value; a longer one is a {@code List} of its values. Values are converted to the
 * referenced columns' types, so a referencing {@code integer} column finds a {@code bigint} key.
 */
final class KeyTuples {

    /** The alias of the unnested keys in the statements. */
    private static final String KEYS = "polyref_keys";

    private KeyTuples() {}

    /**
     * @param row     a row holding the columns
     * @param columns the key's columns in the row
     * @param types   the columns whose types the values take (the referenced key), as many as {@code columns}
     * @return the lookup value, or null if any column is null (MATCH SIMPLE: no parent)
     */
    static @Nullable Object of(Record row, List<? extends Field<?>> columns, List<? extends Field<?>> types) {
        if (columns.size() == 1) {
            Object value = row.get(columns.get(0));
            return value == null ? null : types.get(0).getDataType().convert(value);
        }
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = row.get(columns.get(i));
            if (value == null) {
                return null;
            }
            values[i] = types.get(i).getDataType().convert(value);
        }
        return List.of(values);
    }

    /** {@link #of} for the first {@code types.size()} values of a row, by index. */
    static @Nullable Object leading(Record row, List<? extends Field<?>> types) {
        if (types.size() == 1) {
            Object value = row.get(0);
            return value == null ? null : types.get(0).getDataType().convert(value);
        }
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = row.get(i);
            if (value == null) {
                return null;
            }
            values[i] = types.get(i).getDataType().convert(value);
        }
        return List.of(values);
    }

    /**
     * @param columns the key's columns (their types type the arrays)
     * @param keys    distinct lookup values, as {@link #of} makes them
     * @return the keys as a table {@code polyref_keys(k1, ..., kn)}
     */
    static Table<?> unnest(List<? extends Field<?>> columns, Collection<Object> keys) {
        List<QueryPart> arrays = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            arrays.add(array(columns.get(c), keys, c, columns.size() == 1));
        }
        // ROWS FROM: the several-array unnest(a, b) is syntax that only exists unqualified; spelled out, every
        // function is pg_catalog's, and the arrays, all as long, zip into rows
        String template = "rows from (" + IntStream.range(0, arrays.size())
                .mapToObj(i -> "pg_catalog.unnest({" + i + "})").collect(Collectors.joining(", ")) + ")";
        String[] names = IntStream.rangeClosed(1, columns.size()).mapToObj(i -> "k" + i).toArray(String[]::new);
        return DSL.table(template, arrays.toArray(QueryPart[]::new)).as(KEYS, names);
    }

    /**
     * @param columns the columns to match, in a table of the statement
     * @return {@code column_i = polyref_keys.k_i} for every column, with PostgreSQL's own {@code =}
     */
    static Condition matches(List<? extends Field<?>> columns) {
        Condition all = DSL.noCondition();
        for (int c = 0; c < columns.size(); c++) {
            all = all.and(ObjectIdSql.equal(columns.get(c),
                    field(name(KEYS, "k" + (c + 1)), columns.get(c).getDataType())));
        }
        return all;
    }

    /**
     * One column's values as an array of its type, bound as the array's text (as {@link ObjectIdSql} binds arrays
     * on jOOQ 3.19 and later alike).
     */
    @SuppressWarnings("unchecked")
    private static <K> Field<K[]> array(Field<K> column, Collection<Object> keys, int index, boolean single) {
        Class<K> type = column.getType();
        K[] array = (K[]) Array.newInstance(type, keys.size());
        int i = 0;
        for (Object key : keys) {
            array[i++] = type.cast(single ? key : ((List<?>) key).get(index));
        }
        return cast(val(PostgresUtils.toPGArrayString(array), SQLDataType.VARCHAR),
                column.getDataType().getArrayDataType());
    }
}
