package dev.polyref.migration;

import java.util.List;
import org.jooq.DSLContext;

/**
 * What Polyref put in a database, as sorted lines that do not depend on oids or on who installed it: its
 * functions (definition, settings, SECURITY DEFINER, privileges with the owner written as OWNER, comment), its
 * tables, columns, constraints, indexes, triggers and types with their comments, and the triggers and constraints
 * it put on user tables.
 */
final class CatalogDump {

    private static final String DUMP = """
            with polyref_tables as (
                select c.oid, c.relname from pg_class c
                where c.relnamespace = 'polyref'::regnamespace and c.relkind in ('r', 'p', 'v')
                  and c.relname <> 'polyref_schema_history'
            )
            select 'function ' || p.oid::regprocedure || ' secdef=' || p.prosecdef || ' config='
                   || coalesce(p.proconfig::text, '-') || ' acl='
                   || coalesce((select string_agg(case a.grantee when p.proowner then 'OWNER' when 0 then 'PUBLIC'
                                                  else a.grantee::regrole::text end || ':' || a.privilege_type,
                                                  ',' order by 1)
                                from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a), '-')
                   || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '-')
                   -- a generated registry trigger compares the firing table's oid with a literal (its fast path)
                   || E'\\n' || regexp_replace(pg_get_functiondef(p.oid), '[0-9]+::pg_catalog\\.oid',
                                                 '<oid>::pg_catalog.oid', 'g')
            from pg_proc p where p.pronamespace = 'polyref'::regnamespace
            union all
            select 'table ' || t.relname || ' comment=' || coalesce(obj_description(t.oid, 'pg_class'), '-')
            from polyref_tables t
            union all
            select 'column ' || t.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || case when a.attnotnull then ' not null' else '' end
                   || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                   || case when a.attidentity <> '' then ' identity ' || a.attidentity::text else '' end
                   || ' comment=' || coalesce(col_description(t.oid, a.attnum), '-')
            from polyref_tables t
            join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
            left join pg_attrdef d on d.adrelid = t.oid and d.adnum = a.attnum
            union all
            select 'constraint ' || t.relname || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid)
            from polyref_tables t join pg_constraint c on c.conrelid = t.oid
            union all
            select 'index ' || pg_get_indexdef(i.indexrelid)
            from polyref_tables t join pg_index i on i.indrelid = t.oid
            union all
            select 'trigger ' || pg_get_triggerdef(g.oid)
            from polyref_tables t join pg_trigger g on g.tgrelid = t.oid and not g.tgisinternal
            union all
            select 'type ' || ty.typname || ' ' || coalesce((select string_agg(a.attname || ' '
                   || format_type(a.atttypid, a.atttypmod), ', ' order by a.attnum)
                   from pg_attribute a where a.attrelid = ty.typrelid and a.attnum > 0), '')
                   || ' comment=' || coalesce(obj_description(ty.oid, 'pg_type'), '-')
            from pg_type ty
            where ty.typnamespace = 'polyref'::regnamespace and ty.typtype = 'c'
              and not exists (select from polyref_tables t where t.oid = ty.typrelid)
              and ty.typname <> 'polyref_schema_history'
            union all
            select 'user trigger ' || pg_get_triggerdef(g.oid)
            from pg_trigger g join pg_class c on c.oid = g.tgrelid
            where c.relnamespace <> 'polyref'::regnamespace and not g.tgisinternal
              and g.tgfoid in (select p.oid from pg_proc p where p.pronamespace = 'polyref'::regnamespace)
            union all
            select 'user constraint ' || c.conrelid::regclass || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid)
                   || ' valid=' || c.convalidated
            from pg_constraint c join pg_class r on r.oid = c.conrelid
            where r.relnamespace <> 'polyref'::regnamespace and c.conname like 'polyref%'
            order by 1""";

    private CatalogDump() {}

    static List<String> of(DSLContext dsl) {
        return dsl.fetch(DUMP).getValues(0, String.class);
    }
}
