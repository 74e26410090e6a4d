package dev.polyref.catalogue;

import static org.jooq.impl.DSL.cast;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The catalogue table as plain jOOQ names. The runtime does not depend on generated code for Polyref's own
 * schema, so a user's code generation setup never has to include it.
 *
 * <p>Compare {@link #APP_LABEL} and {@link #MODEL} with {@link #text(String)}, never with a plain string: see there.
 */
final class CatalogueTable {

    static final Table<Record> CONTENT_TYPE = table(name("polyref", "content_type"));
    static final Field<Integer> ID = field(name("content_type", "id"), Integer.class);
    // text columns: SQLDataType.CLOB is how jOOQ names PostgreSQL's text
    static final Field<String> APP_LABEL = field(name("content_type", "app_label"), SQLDataType.CLOB);
    static final Field<String> MODEL = field(name("content_type", "model"), SQLDataType.CLOB);

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
    static Field<String> text(String value) {
        return cast(value, SQLDataType.CLOB);
    }

    static ContentType toContentType(Record3<Integer, String, String> r) {
        return new ContentType(r.value1(), r.value2(), r.value3());
    }
}
