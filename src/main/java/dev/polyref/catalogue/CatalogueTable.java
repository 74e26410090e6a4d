package dev.polyref.catalogue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Table;

/**
 * The catalogue table as plain jOOQ names. The runtime does not depend on generated code for Polyref's own
 * schema, so a user's code generation setup never has to include it.
 */
final class CatalogueTable {

    static final Table<Record> CONTENT_TYPE = table(name("polyref", "content_type"));
    static final Field<Integer> ID = field(name("content_type", "id"), Integer.class);
    static final Field<String> APP_LABEL = field(name("content_type", "app_label"), String.class);
    static final Field<String> MODEL = field(name("content_type", "model"), String.class);

    private CatalogueTable() {}

    static ContentType toContentType(Record3<Integer, String, String> r) {
        return new ContentType(r.value1(), r.value2(), r.value3());
    }
}
