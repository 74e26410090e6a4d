package dev.polyref.check.internal;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.internal.ContentTypeColumn;
import dev.polyref.check.Check;
import dev.polyref.check.Problem;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Generic keys without an index on their two columns: without one, loading the children of a target or checking
 * what refers to a row scans the whole table. An index counts if its first two key columns are the pair, in either
 * order, and it is valid and not partial. Built by {@link dev.polyref.check.Checks#genericKeyIndexes()}; a
 * custom {@link GenericKeyFinder} is for tests and the CLI.
 */
public final class GenericKeyIndexCheck implements Check {

    // Built-ins are schema-qualified, and the mixed-type comparisons (name with the varchar binds, oid with
    // regclass) use pg_catalog's operator: otherwise a function or operator with a closer type match in any
    // schema on the caller's search_path would run instead, with the caller's rights.
    private static final String HAS_INDEX = """
            select exists (
                select 1
                from pg_catalog.pg_index i
                join pg_catalog.pg_attribute ct
                  on ct.attrelid = i.indrelid and ct.attname operator(pg_catalog.=) {2}
                join pg_catalog.pg_attribute oid
                  on oid.attrelid = i.indrelid and oid.attname operator(pg_catalog.=) {3}
                where i.indrelid operator(pg_catalog.=) pg_catalog.to_regclass(pg_catalog.format('%I.%I', {0}, {1}))
                  and i.indisvalid
                  and i.indpred is null
                  and i.indnkeyatts >= 2
                  and ((i.indkey[0] = ct.attnum and i.indkey[1] = oid.attnum)
                    or (i.indkey[0] = oid.attnum and i.indkey[1] = ct.attnum)))
            """;

    private final GenericKeyFinder finder;

    /** @param finder where the generic keys come from */
    public GenericKeyIndexCheck(GenericKeyFinder finder) {
        this.finder = requireNonNull(finder, "finder");
    }

    @Override
    public String name() {
        return "generic-key-indexes";
    }

    @Override
    public String description() {
        return "generic keys without an index on (content type, object id)";
    }

    @Override
    public List<Problem> run(DSLContext dsl) {
        return finder.find(dsl).stream()
                .filter(key -> !hasIndex(dsl, key))
                .map(key -> {
                    ContentTypeColumn ct = key.contentTypeColumn();
                    String columns = "(" + ct.column() + ", " + key.objectIdColumn() + ")";
                    return new Problem(name(), ct.qualifiedTable(), "no index on " + columns
                            + ", so finding the rows that point at an object scans the table; add one: create index on "
                            + ct.qualifiedTable() + " " + columns);
                })
                .toList();
    }

    private static boolean hasIndex(DSLContext dsl, GenericKeyFinder.Columns key) {
        ContentTypeColumn ct = key.contentTypeColumn();
        return dsl.resultQuery(HAS_INDEX, ct.schema(), ct.table(), ct.column(), key.objectIdColumn())
                .fetchSingle(0, Boolean.class);
    }
}
