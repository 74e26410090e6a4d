package dev.polyref.check;

import java.util.List;
import org.jooq.DSLContext;

/** Rows of declared generic keys that point at missing objects ({@code polyref.dangling_references()}). */
final class DanglingReferencesCheck implements Check {

    @Override
    public String name() {
        return "dangling-references";
    }

    @Override
    public String description() {
        return "rows of declared generic keys that point at objects that do not exist";
    }

    @Override
    public List<Problem> run(DSLContext dsl) {
        return dsl.resultQuery("select table_schema, table_name, key_name, content_type_id, target, dangling "
                        + "from polyref.dangling_references()")
                .fetch(r -> new Problem(name(), r.get(0, String.class) + "." + r.get(1, String.class),
                        (r.get(5, Long.class) == 1 ? "1 row" : r.get(5, Long.class) + " rows") + " of generic key "
                                + r.get(2, String.class) + (r.get(5, Long.class) == 1 ? " points" : " point")
                                + " at missing objects of " + r.get(4, String.class)
                                + " (content type " + r.get(3, Integer.class) + "); delete or fix them, or let "
                                + "PostgreSQL enforce the key (polyref.enforce_generic_key)"));
    }
}
