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
language sql
volatile
set search_path = pg_catalog, pg_temp
as $$
    update polyref.content_type ct
    set app_label = n.nspname, model = c.relname
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.oid = ct.relation
      and c.relkind in ('r', 'p')
      and n.nspname <> 'polyref'
      and (ct.app_label, ct.model) is distinct from (n.nspname::text, c.relname::text)
      and not exists (select from polyref.content_type other
                      where other.app_label = n.nspname and other.model = c.relname);

    update polyref.content_type ct
    set relation = c.oid
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ct.app_label and c.relname = ct.model
      and c.relkind in ('r', 'p')
      and ct.relation is distinct from c.oid
      and not exists (select from pg_class live where live.oid = ct.relation and live.relkind in ('r', 'p'))
      and not exists (select from polyref.content_type other where other.relation = c.oid);

    insert into polyref.content_type (app_label, model, relation)
    select n.nspname, c.relname, c.oid
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where (case when p_schemas is null
                then n.nspname not like 'pg\_%' and n.nspname <> 'information_schema'
                else n.nspname = any (p_schemas) end)
      and n.nspname <> 'polyref'
      and c.relkind in ('r', 'p')
      and not c.relispartition
      and c.relname <> all (coalesce(p_exclude_tables, array[]::text[]))
      and not exists (select from polyref.content_type ct
                      where ct.relation = c.oid or (ct.app_label = n.nspname and ct.model = c.relname))
    order by n.nspname, c.relname
    on conflict do nothing
    returning *
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
