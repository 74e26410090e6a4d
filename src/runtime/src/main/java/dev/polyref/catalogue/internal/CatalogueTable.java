package dev.polyref.catalogue.internal;

import static org.jooq.impl.DSL.cast;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.polyref.catalogue.ContentType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.Record6;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The catalogue table as plain jOOQ names. The runtime does not depend on generated code for Polyref's own
 * schema, so a user's code generation setup never has to include it.
 *
 * <p>Compare {@link #APP_LABEL} and {@link #MODEL} with {@link #text(String)}, never with a plain string: see there.
 */
public final class CatalogueTable {

    public static final Table<Record> CONTENT_TYPE = table(name("polyref", "content_type"));
    public static final Field<Integer> ID = field(name("content_type", "id"), Integer.class);
    // text columns: SQLDataType.CLOB is how jOOQ names PostgreSQL's text
    public static final Field<String> APP_LABEL = field(name("content_type", "app_label"), SQLDataType.CLOB);
    public static final Field<String> MODEL = field(name("content_type", "model"), SQLDataType.CLOB);
    /** For a proxy, its base table's content type (issue 12); null for a table. */
    public static final Field<Integer> PROXY_FOR = field(name("content_type", "proxy_for"), Integer.class);
    /**
     * The human name, by Polyref's one rule ({@code polyref.content_type_name}, whose search_path is pinned), from
     * the row's label, relation and model columns, so the name costs no extra statement and no second read of the
     * catalogue. The columns, not the row: a function over the table's row type breaks when Citus rebuilds the
     * table (docs/scale-out.md).
     */
    public static final Field<String> NAME = field("polyref.content_type_name({0}, {1}, {2})", SQLDataType.CLOB,
            field(name("content_type", "label")), field(name("content_type", "relation")), MODEL);

    /**
     * Whether the row was written by the current, uncommitted transaction (or one of its savepoints):
     * {@code pg_xact_status} of the row's {@code xmin}. Such a row is returned but never cached, so a content
     * type created in a transaction that rolls back is never served to anyone afterwards. {@code xmin} is a
     * 32-bit {@code xid}; its epoch is taken from the current snapshot (the row is at most 2^31 transactions
     * away from it). Built-ins and operators are qualified, as everywhere.
     */
    public static final Field<Boolean> UNCOMMITTED = field("""
            coalesce(pg_catalog.pg_xact_status(greatest(\
            {0} operator(pg_catalog.+) (((({1}::pg_catalog.text::pg_catalog.int8 operator(pg_catalog.-) \
            ({0} operator(pg_catalog.%) 4294967296)) operator(pg_catalog.+) 6442450944) \
            operator(pg_catalog.%) 4294967296) operator(pg_catalog.-) 2147483648), 3)\
            ::pg_catalog.text::pg_catalog.xid8) operator(pg_catalog.=) 'in progress'::pg_catalog.text, false)""",
            SQLDataType.BOOLEAN,
            field("pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::pg_catalog.text::pg_catalog.int8"),
            field(name("content_type", "xmin")));

    private CatalogueTable() {}

    /**
     * A string bind value typed as text: {@code cast(? as text)}.
     *
     * <p>pgjdbc sends Java strings as varchar, so {@code app_label = ?} compares text with varchar. pg_catalog has
     * no {@code =(text, varchar)}, only {@code =(text, text)} reached through a cast, and PostgreSQL prefers an
     * exact type match wherever it is on the {@code search_path}: an {@code =(text, varchar)} that anyone created in
     * a schema on the caller's path would run instead, with the caller's rights. {@code text = text} matches
     * pg_catalog's operator exactly, and pg_catalog is searched first.
     *
     * @param value the string
     * @return the bind value, cast to text
     */
    public static Field<String> text(String value) {
        return cast(value, SQLDataType.CLOB);
    }

    /** A content type read with {@link #UNCOMMITTED}, and whether it may be cached. */
    public record Read(ContentType contentType, boolean committed) {}

    public static Read toRead(Record6<Integer, String, String, Boolean, String, Integer> r) {
        return new Read(new ContentType(r.value1(), r.value2(), r.value3(), r.value5(), r.value6()),
                !Boolean.TRUE.equals(r.value4()));
    }

    public static ContentType toContentType(Record5<Integer, String, String, String, Integer> r) {
        return new ContentType(r.value1(), r.value2(), r.value3(), r.value4(), r.value5());
    }
}
