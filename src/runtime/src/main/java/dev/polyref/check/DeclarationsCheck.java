package dev.polyref.check;

import java.util.List;
import org.jooq.DSLContext;

/** Generic-key declarations that no longer fit their columns (Django's E001-E004, {@code polyref.generic_key_problems()}). */
final class DeclarationsCheck implements Check {

    @Override
    public String name() {
        return "declarations";
    }

    @Override
    public String description() {
        return "generic-key declarations whose columns or allowed targets are malformed";
    }

    @Override
    public List<Problem> run(DSLContext dsl) {
        // A key whose table is gone has no schema and table name any more: its problem says so
        return dsl.resultQuery("select table_schema, table_name, problem from polyref.generic_key_problems()")
                .fetch(r -> new Problem(name(), r.get(0) == null ? "(dropped table)"
                        : r.get(0, String.class) + "." + r.get(1, String.class), r.get(2, String.class)));
    }
}
