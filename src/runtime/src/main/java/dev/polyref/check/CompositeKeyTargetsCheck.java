package dev.polyref.check;

import java.util.List;
import org.jooq.DSLContext;

/**
 * Tables with a primary key of several columns that a generic key is declared to point at, or whose content type
 * rows of a declared key hold (Django 5.2+'s composite primary keys, N94). Polyref refuses them as targets: an
 * object id is one column, compared with the target's key by one index lookup and mirrored into one registry
 * column; docs/django-parity.md explains the decision and the fix (a single-column key). Without this check such
 * tables were only left out of the generated {@code Models}, silently.
 */
final class CompositeKeyTargetsCheck implements Check {

    // Read-only. Built-ins and operators are qualified, so nothing on the caller's search_path stands in for them.
    private static final String SQL = """
            with composite as (
                select ct.id, ct.app_label, ct.model, polyref.content_type_name(ct.label, ct.relation, ct.model) as name,
                       pg_catalog.cardinality(k.conkey) as columns
                from polyref.content_type ct
                join pg_catalog.pg_constraint k
                  on k.conrelid operator(pg_catalog.=) polyref.table_of_content_type(ct.id)
                 and k.contype operator(pg_catalog.=) 'p'::pg_catalog."char"
                 and pg_catalog.cardinality(k.conkey) operator(pg_catalog.>) 1
            ), uses as (
                select gt.content_type_id as id,
                       pg_catalog.format('an allowed target of generic key %s on %s', gk.name, gk.table_name) as why
                from polyref.generic_key_target gt
                join polyref.generic_key gk on gk.id operator(pg_catalog.=) gt.generic_key_id
                union all
                select d.content_type_id,
                       pg_catalog.format('pointed at by %s row(s) of generic key %s on %I.%I', d.dangling, d.key_name,
                                         d.table_schema, d.table_name)
                from polyref.dangling_references() d
                where d.problem operator(pg_catalog.=) 'unsuitable_target'
            )
            select c.app_label, c.model, c.id, c.name, c.columns,
                   pg_catalog.string_agg(u.why, '; ' order by u.why)
            from composite c
            join uses u on u.id operator(pg_catalog.=) c.id
            group by c.app_label, c.model, c.id, c.name, c.columns
            order by c.app_label, c.model""";

    @Override
    public String name() {
        return "composite-key-targets";
    }

    @Override
    public String description() {
        return "tables with a primary key of several columns that generic keys point at (refused: one object id "
                + "column holds one key column)";
    }

    @Override
    public List<Problem> run(DSLContext dsl) {
        return dsl.resultQuery(SQL).fetch(r -> {
            String table = r.get(0, String.class) + "." + r.get(1, String.class);
            String name = r.get(3, String.class);
            return new Problem(name(), table, "table " + table
                    + (name.equals(r.get(1, String.class)) ? "" : " (\"" + name + "\")") + ", content type "
                    + r.get(2, Integer.class) + ", has a primary key of " + r.get(4, Integer.class)
                    + " columns and is " + r.get(5, String.class) + "; generic keys need a single-column primary key "
                    + "(Polyref refuses composite-key targets): give the table one, for example "
                    + "id bigint generated always as identity primary key, and make the old key unique");
        });
    }
}
