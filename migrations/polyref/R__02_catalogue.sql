-- Polyref: the content-type catalogue. Public API: sync_content_types, stale_content_types.


-- Brings the catalogue in step with the tables of the given schemas (null: every schema except PostgreSQL's
-- own), in three steps, and returns the rows it added:
--   1. a row whose table (relation) was renamed or moved (ALTER TABLE ... RENAME / SET SCHEMA) takes the
--      table's new name and keeps its id, so references to it stay valid (unless another row has the name);
--   2. a row without a live table of its own takes the table of its name (rows written by hand, a table
--      dropped and created again under its name);
--   3. every table left without a row gets one.
-- Race-safe: concurrent callers never fail, each table ends with one row. Polyref's own schema, partitions and
-- the named tables (Flyway history tables, PolyrefFlyway passes the configured one) are not content types.
create or replace function polyref.sync_content_types(
    p_schemas        text[],
    p_exclude_tables text[] default array['flyway_schema_history']
) returns setof polyref.content_type
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    -- PL/pgSQL, not SQL: Citus cannot plan a parameterized statement of a SQL function on a reference table.
    -- Each statement reads the tables through a MATERIALIZED CTE instead of joining pg_class into the UPDATE or
    -- INSERT: on a Citus coordinator polyref.content_type is a reference table, and Citus cannot plan a write to
    -- it joined with a local catalog, but it can with an intermediate result (migrations/polyref/R__08_citus.sql).
    with live as materialized (
        select c.oid::regclass as rel, n.nspname::text as app_label, c.relname::text as model
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname <> 'polyref'
    )
    update polyref.content_type ct
    set app_label = live.app_label, model = live.model
    from live
    where live.rel = ct.relation
      and (ct.app_label, ct.model) is distinct from (live.app_label, live.model)
      and not exists (select from polyref.content_type other
                      where other.app_label = live.app_label and other.model = live.model);

    with live as materialized (
        select c.oid::regclass as rel, n.nspname::text as app_label, c.relname::text as model
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p')
    )
    update polyref.content_type ct
    set relation = live.rel
    from live
    where live.app_label = ct.app_label and live.model = ct.model
      and ct.relation is distinct from live.rel
      and not exists (select from live gone where gone.rel = ct.relation)
      and not exists (select from polyref.content_type other where other.relation = live.rel);

    return query
    with live as materialized (
        select c.oid::regclass as rel, n.nspname::text as app_label, c.relname::text as model
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where (case when p_schemas is null
                    then n.nspname not like 'pg\_%' and n.nspname <> 'information_schema'
                    else n.nspname = any (p_schemas) end)
          and n.nspname <> 'polyref'
          and c.relkind in ('r', 'p')
          and not c.relispartition
          and c.relname <> all (coalesce(p_exclude_tables, array[]::text[]))
    )
    insert into polyref.content_type (app_label, model, relation)
    select live.app_label, live.model, live.rel
    from live
    where not exists (select from polyref.content_type ct
                      where ct.relation = live.rel or (ct.app_label = live.app_label and ct.model = live.model))
    order by live.app_label, live.model
    on conflict do nothing
    returning *;
end
$$;

comment on function polyref.sync_content_types(text[], text[]) is
    'Polyref API: follows renamed tables (same id, new name), then adds missing content types for the tables of '
    'the given schemas (null: all) except the named ones, and returns the added rows.';


-- Catalogue rows whose table no longer exists (Django: model_class() is None): neither the table the row
-- follows nor a table of its name. A renamed table is not stale: the next sync gives its row the new name.
create or replace function polyref.stale_content_types()
returns setof polyref.content_type
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select ct.*
    from polyref.content_type ct
    where to_regclass(format('%I.%I', ct.app_label, ct.model)) is null
      and not exists (select from pg_class c where c.oid = ct.relation and c.relkind in ('r', 'p'))
    order by ct.app_label, ct.model
$$;

comment on function polyref.stale_content_types() is
    'Polyref API: catalogue rows whose table no longer exists (not even under another name).';
