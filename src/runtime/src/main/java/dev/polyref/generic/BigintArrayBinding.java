package dev.polyref.generic;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.conf.ParamType;
import org.jooq.impl.SQLDataType;
import org.jooq.util.postgres.PostgresUtils;

/**
 * Binds the ids of a prefetch of bigint keys as one binary {@code bigint[]}: pgjdbc sends a {@code Long[]} given
 * to {@code setObject} in PostgreSQL's binary array format (8 bytes an id), where jOOQ 3.19 formats the array as
 * text (digits, commas, braces) for the server to parse back: a tenth of a 100,000-target prefetch's time went to
 * that text (docs/performance.md). Renders as {@code cast(? as bigint[])}, the SQL it replaces, and inlined
 * (logging, {@code getSQL(INLINED)}) as the array's text form; only ever written, never read.
 */
final class BigintArrayBinding implements Binding<Long[], Long[]> {

    private static final Converter<Long[], Long[]> IDENTITY = Converter.ofNullable(Long[].class, Long[].class,
            v -> v, v -> v);

    // After IDENTITY: the data type asks the binding for its converter. Not null, as every bound array is: jOOQ
    // gives a non-null bind value its type's notNull() copy, which for a converted type is built anew on every
    // DSL.val (about 2.5 µs, most of building a prefetch statement) unless the type already is one
    static final DataType<Long[]> TYPE = SQLDataType.BIGINT.getArrayDataType()
            .asConvertedDataType(new BigintArrayBinding()).notNull();

    @Override
    public Converter<Long[], Long[]> converter() {
        return IDENTITY;
    }

    @Override
    public void sql(BindingSQLContext<Long[]> ctx) throws SQLException {
        if (ctx.render().paramType() == ParamType.INLINED) {
            ctx.render().sql("cast(").sql(quoted(PostgresUtils.toPGArrayString(ctx.value()))).sql(" as bigint[])");
        } else {
            ctx.render().sql("cast(").sql(ctx.variable()).sql(" as bigint[])");
        }
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void set(BindingSetStatementContext<Long[]> ctx) throws SQLException {
        if (ctx.value() == null) {
            ctx.statement().setNull(ctx.index(), Types.ARRAY);
        } else {
            ctx.statement().setObject(ctx.index(), ctx.value());
        }
    }

    @Override
    public void register(BindingRegisterContext<Long[]> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("ids are only bound");
    }

    @Override
    public void set(BindingSetSQLOutputContext<Long[]> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("ids are only bound");
    }

    @Override
    public void get(BindingGetResultSetContext<Long[]> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("ids are only bound");
    }

    @Override
    public void get(BindingGetStatementContext<Long[]> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("ids are only bound");
    }

    @Override
    public void get(BindingGetSQLInputContext<Long[]> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("ids are only bound");
    }
}
