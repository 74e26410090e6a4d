package dev.polyref.generic;

import dev.polyref.catalogue.Model;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.conf.ParamType;
import org.jooq.conf.QueryPoolable;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DataException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.tools.JooqLogger;
import org.jooq.tools.LoggerListener;
import org.jooq.tools.jdbc.JDBCUtils;
import org.jspecify.annotations.Nullable;

/**
 * Reads a whole-table query ({@code selectFrom}) into the table's records without jOOQ's per-record
 * machinery: jOOQ still renders and executes the statement ({@link ResultQuery#fetchResultSet()}: execute
 * listeners, logging and statement counts see it as before; Polyref's own target statements are prepared over
 * JDBC instead when nothing would see jOOQ execute them, {@link #readUnobserved}), and the rows are read from its
 * JDBC result set
 * into records created attached (a detached generated record builds a configuration per value set) and marked
 * unchanged, as {@code fetch()} returns them. Measured (docs/performance.md): about a third of a prefetch's time
 * at 100,000 targets went to jOOQ's record building. Used for prefetched targets and for the rows of
 * {@link GenericResolver#fetch}.
 *
 * <p>Only for tables whose columns are all of types read the same way by pgjdbc and jOOQ's default bindings
 * (bigint, integer, smallint, text/varchar, boolean, and timestamptz as {@link TimestampReader} explains) with
 * no converter or custom binding: anything else (a uuid, a numeric, a converter) takes jOOQ's own path.
 */
final class TargetReader {

    private static final Set<Class<?>> PLAIN = Set.of(Long.class, Integer.class, Short.class, String.class,
            Boolean.class, OffsetDateTime.class);

    private TargetReader() {}

    /** @return whether {@link #read} may read this table's {@code selectFrom} */
    static boolean supports(Table<?> table) {
        return supports(table.fields());
    }

    /**
     * @return whether {@link #copy} may copy this table's rows from a plain-SQL result: as {@link #supports}, but
     *         no timestamptz, which a plain-SQL result types from pgjdbc's metadata as a {@code TIMESTAMP}
     */
    static boolean supportsCopy(Table<?> table) {
        for (Field<?> field : table.fields()) {
            if (field.getType() == OffsetDateTime.class) {
                return false;
            }
        }
        return supports(table);
    }

    private static boolean supports(Field<?>[] fields) {
        for (Field<?> field : fields) {
            Converter<?, ?> converter = field.getConverter();
            if (!PLAIN.contains(field.getType()) || converter.fromType() != converter.toType()
                    || !field.getBinding().getClass().getName().startsWith("org.jooq.impl.")) {
                return false;
            }
        }
        return true;
    }

    /** Runs a {@code selectFrom(model.table())} query and reads its rows as the table's records. */
    static List<TableRecord<?>> read(DSLContext dsl, Model<?, ?> model, ResultQuery<?> query, int expected) {
        @SuppressWarnings("unchecked")
        List<TableRecord<?>> rows = (List<TableRecord<?>>) read(dsl, model.table(), query, expected);
        return rows;
    }

    /** jOOQ's own: it adds a {@link LoggerListener} to every execution while this logger is at DEBUG. */
    private static final JooqLogger JOOQ_EXECUTE_LOGGER = JooqLogger.getLogger(LoggerListener.class);

    /**
     * Runs one of Polyref's own target statements ({@code selectFrom(table).where(pk = any(?))}, its one bind value
     * the id array) over JDBC and reads it as {@link #read} does, when nothing but its result would observe jOOQ
     * executing it (see {@link #unobserved}); otherwise returns null and the caller lets jOOQ execute it. jOOQ still
     * renders the SQL (settings, render mapping and quoting apply as before); the statement
     * is prepared on a connection from the configuration's {@link ConnectionProvider} (the caller's transaction),
     * and a failure is the {@link DataAccessException} jOOQ would throw (same message and subclass). Saves jOOQ's
     * execute context, listener dispatch, warning fetch and two result-set wrappers per statement: 2-7% of a
     * {@code fetch} at 1,000 and 10,000 rows (docs/performance.md, "Round 7").
     */
    static @Nullable List<TableRecord<?>> readUnobserved(DSLContext dsl, Model<?, ?> model, ResultQuery<?> query,
            int expected) {
        Configuration configuration = dsl.configuration();
        if (!unobserved(configuration)) {
            return null;
        }
        List<Object> binds = query.getBindValues();
        if (binds.size() != 1 || !(binds.get(0) instanceof Long[] ids)) {
            return null;
        }
        // Rendered before a connection is taken: a rendering failure then has nothing to give back
        String sql = dsl.render(query);
        ConnectionProvider provider = configuration.connectionProvider();
        Connection connection = provider.acquire();
        if (connection == null) {
            return null;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, ids);
            try (Rows rows = Rows.open(dsl, model.table(), statement.executeQuery(), expected)) {
                return rows.next(Integer.MAX_VALUE);
            }
        } catch (SQLException e) {
            throw translated(sql, e);
        } finally {
            provider.release(connection);
        }
    }

    /** A failed statement's exception, as jOOQ translates it (its message, and its subclass per SQLState class). */
    private static DataAccessException translated(String sql, SQLException e) {
        String message = "SQL [" + sql + "]; " + e.getMessage();
        return switch (DataAccessException.sqlStateClass(e)) {
            case C22_DATA_EXCEPTION -> new DataException(message, e);
            case C23_INTEGRITY_CONSTRAINT_VIOLATION -> new IntegrityConstraintViolationException(message, e);
            default -> new DataAccessException(message, e);
        };
    }

    /**
     * Whether jOOQ executing a statement on this configuration would do nothing observable besides returning its
     * result: no {@code ExecuteListener} (none provided, jOOQ's execute logging off or its logger below DEBUG, no
     * server-output fetching), no diagnostics, no {@code VisitListener} (which may change the statement, a tenancy
     * filter adding a bind value), prepared statements with indexed parameters, and no statement
     * setting (timeout, maximum rows, fetch size, poolable) that jOOQ would apply. Any of these, and jOOQ executes.
     */
    static boolean unobserved(Configuration configuration) {
        Settings settings = configuration.settings();
        ParamType params = settings.getParamType();
        return configuration.executeListenerProviders().length == 0
                && configuration.diagnosticsListenerProviders().length == 0
                // one bind value as collected may not be one as rendered when a listener changes the query
                && configuration.visitListenerProviders().length == 0
                && (Boolean.FALSE.equals(settings.isExecuteLogging()) || !JOOQ_EXECUTE_LOGGER.isDebugEnabled())
                && SettingsTools.getFetchServerOutputSize(0, settings) == 0
                && !SettingsTools.executeStaticStatements(settings)
                && (params == null || params == ParamType.INDEXED)
                && SettingsTools.getQueryTimeout(0, settings) == 0
                && SettingsTools.getMaxRows(0, settings) == 0
                && SettingsTools.getFetchSize(0, settings) == 0
                && SettingsTools.getQueryPoolable(QueryPoolable.DEFAULT, settings) == QueryPoolable.DEFAULT;
    }

    /**
     * The table a query returns whole rows of, in the table's column order ({@code selectFrom(table)}, or
     * {@code select(table.fields()).from(...)}), when {@link #read} may read it on {@code dsl}; otherwise null,
     * also when {@code dsl} has record listeners, which expect {@code fetch()}'s load events.
     */
    static @Nullable Table<?> wholeRowsOf(DSLContext dsl, ResultQuery<?> query) {
        if (dsl.configuration().recordListenerProviders().length > 0) {
            return null;
        }
        Table<?> table = READABLE_TABLES.get(query.getRecordType());
        if (table == null) {
            return null;
        }
        // A Select's own select list (selectFrom's is the table's fields) costs a few microseconds; fields() derives
        // an aliased copy of the query's columns, measured at 45-400 µs per call
        Field<?>[] selected = query instanceof Select<?> select ? select.getSelect().toArray(Field<?>[]::new)
                : query.fields();
        Field<?>[] columns = table.fields();
        if (selected.length != columns.length) {
            return null;
        }
        for (int i = 0; i < columns.length; i++) {
            // By name and type, in the table's order, as fetch() maps a selectFrom's columns into the table's
            // record
            if (!selected[i].getName().equals(columns[i].getName()) || selected[i].getType() != columns[i].getType()) {
                return null;
            }
        }
        return table;
    }

    /**
     * The table of each generated record class whose columns {@link #read} may read (see {@link #supports}), or
     * null: worked out once per class, not per query.
     */
    private static final ClassValue<@Nullable Table<?>> READABLE_TABLES = new ClassValue<>() {
        @Override
        protected @Nullable Table<?> computeValue(Class<?> type) {
            MethodHandle constructor = TableRecord.class.isAssignableFrom(type) ? CONSTRUCTORS.get(type) : null;
            if (constructor == null) {
                return null;
            }
            try {
                Table<?> table = ((TableRecord<?>) (Object) constructor.invokeExact()).getTable();
                return supports(table) ? table : null;
            } catch (Throwable e) {
                return null;
            }
        }
    };

    /**
     * Runs a query of whole rows of {@code table} (see {@link #wholeRowsOf}) on {@code dsl} and reads them as the
     * table's records, in the query's order.
     */
    static <R extends Record> List<R> read(DSLContext dsl, Table<?> table, ResultQuery<R> query, int expected) {
        try (Rows rows = Rows.open(dsl, table, execute(dsl, query), expected)) {
            return cast(rows.next(Integer.MAX_VALUE));
        }
    }

    /**
     * Runs a query on {@code dsl}, as {@code dsl.fetchLazy(query)} would (the query is given back to its own
     * configuration afterwards), and returns its open result set.
     */
    static ResultSet execute(DSLContext dsl, ResultQuery<?> query) {
        Configuration previous = query.configuration();
        if (previous == dsl.configuration()) {
            return query.fetchResultSet();
        }
        query.attach(dsl.configuration());
        try {
            return query.fetchResultSet();
        } finally {
            query.attach(previous);
        }
    }

    /**
     * An open result set of whole rows of one table, read into the table's records a chunk at a time (for
     * {@link GenericResolver#stream}); closing it closes the result set.
     */
    static final class Rows implements AutoCloseable {

        private final DSLContext dsl;
        private final Table<?> table;
        private final ResultSet rs;
        private final Field<?>[] fields;
        private final int[] columns;
        private final Records records;
        private final @Nullable TimestampReader timestamps;
        // A session time zone this path cannot reproduce exactly: jOOQ's own bindings read the rows
        private final org.jooq.@Nullable Cursor<Record> jooq;
        private final int expected;

        private Rows(DSLContext dsl, Table<?> table, ResultSet rs, int expected) throws SQLException {
            this.dsl = dsl;
            this.table = table;
            this.rs = rs;
            this.expected = expected;
            this.fields = table.fields();
            this.columns = columns(rs.getMetaData(), fields);
            this.records = new Records(dsl, table);
            this.timestamps = TimestampReader.of(rs, dsl.settings(), fields);
            this.jooq = timestamps == null ? dsl.fetchLazy(rs, fields) : null;
        }

        /** @return the rows of {@code rs}; it is closed here if they cannot be read */
        static Rows open(DSLContext dsl, Table<?> table, ResultSet rs, int expected) {
            try {
                return new Rows(dsl, table, rs, expected);
            } catch (SQLException | RuntimeException e) {
                JDBCUtils.safeClose(rs);
                throw e instanceof SQLException sql ? failed(table, sql) : (RuntimeException) e;
            }
        }

        /** @return the next rows, at most {@code max}; empty at the end */
        List<TableRecord<?>> next(int max) {
            if (jooq != null) {
                return copy(dsl, table, jooq.fetchNext(max));
            }
            List<TableRecord<?>> list = new ArrayList<>(Math.min(max, expected));
            try {
                while (list.size() < max && rs.next()) {
                    TableRecord<?> record = records.create();
                    for (int i = 0; i < fields.length; i++) {
                        Class<?> type = fields[i].getType();
                        set(record, fields[i], type == OffsetDateTime.class
                                ? timestamps.read(rs, columns[i], fields[i]) : value(rs, columns[i], type));
                    }
                    records.unchanged(record);
                    list.add(record);
                }
            } catch (SQLException e) {
                throw failed(table, e);
            }
            return list;
        }

        @Override
        public void close() {
            if (jooq != null) {
                jooq.close();
            }
            JDBCUtils.safeClose(rs);
        }
    }

    private static DataAccessException failed(Table<?> table, SQLException e) {
        return new DataAccessException("Reading " + table + ": " + e.getMessage(), e);
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> List<R> cast(List<?> records) {
        return (List<R>) records;
    }

    /**
     * Copies the rows of a plain-SQL result of a {@code selectFrom(model.table())} (one statement of a
     * one-round-trip call, typed by jOOQ from the JDBC metadata: the same Java types for these columns) into the
     * table's records, attached and unchanged.
     */
    static List<TableRecord<?>> copy(DSLContext dsl, Model<?, ?> model, Result<?> rows) {
        return copy(dsl, model.table(), rows);
    }

    private static List<TableRecord<?>> copy(DSLContext dsl, Table<?> table, Result<?> rows) {
        Field<?>[] fields = table.fields();
        int[] columns = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            columns[i] = rows.indexOf(fields[i].getName());
            if (columns[i] < 0) {
                throw new DataAccessException("Column " + fields[i].getName() + " missing from a query on " + table);
            }
        }
        Records records = new Records(dsl, table);
        List<TableRecord<?>> list = new ArrayList<>(rows.size());
        for (Record row : rows) {
            TableRecord<?> record = records.create();
            for (int i = 0; i < fields.length; i++) {
                set(record, fields[i], row.get(columns[i]));
            }
            records.unchanged(record);
            list.add(record);
        }
        return list;
    }

    /**
     * One value by field, not {@code fromArray}: jOOQ's {@code from...} methods build an unmapper, two converter
     * contexts (each reading the clock) and a temporary record per call, which was a third of what a 10,000-target
     * prefetch allocated. {@code set} on an attached record allocates nothing; {@link Records#add} then marks the
     * record unchanged.
     */
    @SuppressWarnings("unchecked")
    private static void set(TableRecord<?> record, Field<?> field, @Nullable Object value) {
        record.set((Field<Object>) field, value);
    }

    /**
     * Creates a table's records attached, as {@code dsl.newRecord(table)} does, but through the record class's
     * constructor (cached per class) rather than jOOQ's per-record delegate and factory lambda; jOOQ's own path
     * when the configuration has record listeners (which may expect their events) or the class has no public
     * no-argument constructor.
     */
    private static final class Records {

        private final DSLContext dsl;
        private final Configuration configuration;
        private final Table<?> table;
        private final @Nullable MethodHandle constructor;
        private final boolean attach;

        Records(DSLContext dsl, Table<?> table) {
            this.dsl = dsl;
            this.table = table;
            this.configuration = dsl.configuration();
            this.constructor = configuration.recordListenerProviders().length == 0
                    ? CONSTRUCTORS.get(table.getRecordType()) : null;
            this.attach = !Boolean.FALSE.equals(configuration.settings().isAttachRecords());
        }

        TableRecord<?> create() {
            if (constructor == null) {
                return (TableRecord<?>) dsl.newRecord(table);
            }
            TableRecord<?> record;
            try {
                record = (TableRecord<?>) (Object) constructor.invokeExact();
            } catch (Throwable e) {
                throw new DataAccessException("Creating a " + table.getRecordType().getName() + ": " + e, e);
            }
            if (attach) {
                // Attached before any value is set: a detached generated record builds a configuration per set
                record.attach(configuration);
            }
            return record;
        }

        void unchanged(TableRecord<?> record) {
            record.changed(false);
        }
    }

    /** Each record class's public no-argument constructor, or null when it has none. */
    private static final ClassValue<@Nullable MethodHandle> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected @Nullable MethodHandle computeValue(Class<?> type) {
            try {
                return MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class))
                        .asType(MethodType.methodType(Object.class));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                return null;
            }
        }
    };

    /** The result column of each table field, by name, so a reordered select list cannot misplace values. */
    private static int[] columns(ResultSetMetaData meta, Field<?>[] fields) throws SQLException {
        int[] columns = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            columns[i] = -1;
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                if (meta.getColumnLabel(c).equals(fields[i].getName())) {
                    columns[i] = c;
                    break;
                }
            }
            if (columns[i] < 0) {
                throw new DataAccessException("Column " + fields[i].getName() + " missing from a query on "
                        + fields[i]);
            }
        }
        return columns;
    }

    private static @Nullable Object value(ResultSet rs, int column, Class<?> type) throws SQLException {
        Object value;
        if (type == String.class) {
            return rs.getString(column);
        } else if (type == Long.class) {
            value = rs.getLong(column);
        } else if (type == Integer.class) {
            value = rs.getInt(column);
        } else if (type == Short.class) {
            value = rs.getShort(column);
        } else {
            value = rs.getBoolean(column);
        }
        return rs.wasNull() ? null : value;
    }
}
