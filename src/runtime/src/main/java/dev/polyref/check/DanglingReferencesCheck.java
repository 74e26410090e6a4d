package dev.polyref.check;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Rows of declared generic keys that point at missing objects ({@code polyref.dangling_references()}): objects
 * missing from their table, and every row of a content type whose table is gone or that has no catalogue row.
 */
final class DanglingReferencesCheck implements Check {

    private static final String FIX = "; delete or fix them, or let PostgreSQL enforce the key "
            + "(polyref.enforce_generic_key)";

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
        // The target's human name (polyref.content_type_name) goes into the message when it has one
        return dsl.resultQuery("select d.table_schema, d.table_name, d.key_name, d.content_type_id, d.target, "
                        + "d.dangling, d.problem, (select polyref.content_type_name(ct.label, ct.relation, ct.model) "
                        + "from polyref.content_type ct "
                        + "where ct.id operator(pg_catalog.=) d.content_type_id) from polyref.dangling_references() d")
                .fetch(r -> new Problem(name(), r.get(0, String.class) + "." + r.get(1, String.class), message(r)));
    }

    private static String message(Record r) {
        long count = r.get(5, Long.class);
        String rows = (count == 1 ? "1 row" : count + " rows") + " of generic key " + r.get(2, String.class)
                + (count == 1 ? " points" : " point");
        int contentType = r.get(3, Integer.class);
        String name = r.get(7, String.class);
        String target = r.get(4, String.class)
                + (name == null || (r.get(4, String.class)).endsWith("." + name) ? "" : " \"" + name + "\"");
        String problem = r.get(6, String.class);
        return rows + switch (problem) {
            case "stale_content_type" -> " at content type " + contentType + " (" + target
                    + "), whose table no longer exists" + FIX;
            case "unknown_content_type" -> " at content type " + contentType + ", which has no catalogue row" + FIX;
            case "unsuitable_target" -> " at " + target + " (content type " + contentType
                    + "), which has no single-column primary key this key's object id can hold" + FIX;
            default -> " at missing objects of " + target + " (content type " + contentType + ")" + FIX;
        };
    }
}
