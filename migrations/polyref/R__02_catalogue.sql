-- Polyref: the content-type catalogue. Public API: sync_content_types, stale_content_types, content_type_name,
-- set_content_type_label, proxy_base_of, declare_proxy, sync_proxies.


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
        select c.oid::regclass as rel, c.relkind, n.nspname::text as app_label, c.relname::text as model
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v') and n.nspname <> 'polyref'
    )
    update polyref.content_type ct
    set app_label = live.app_label, model = live.model
    from live
    where live.rel = ct.relation
      -- a proxy follows its view (issue 12)
      and (live.relkind in ('r', 'p') or (ct.proxy_for is not null and live.relkind = 'v'))
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


-- Catalogue rows whose table no longer exists (Django: model_class() is None): neither the table (or, for a
-- proxy, the view) the row follows nor a relation of its name. A renamed table is not stale: the next sync gives its row the new name.
create or replace function polyref.stale_content_types()
returns setof polyref.content_type
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select ct.*
    from polyref.content_type ct
    where to_regclass(format('%I.%I', ct.app_label, ct.model)) is null
      and not exists (select from pg_class c where c.oid = ct.relation
                      and (c.relkind in ('r', 'p') or (ct.proxy_for is not null and c.relkind = 'v')))
    order by ct.app_label, ct.model
$$;

comment on function polyref.stale_content_types() is
    'Polyref API: catalogue rows whose table no longer exists (not even under another name).';


-- VERBOSE NAMES (Django's ContentType.name) ---------------------------------------------------------------------

-- The human name of a content type: its declared label, else the first line of its table's (or view's) comment,
-- else the table name, as Django's name falls back to the model string. Takes the three columns it needs, not the
-- row: on a Citus coordinator polyref.content_type is a reference table, and a function whose signature names a
-- table's row type is bound to that type's oid, which Citus can leave on a shard when it rebuilds a table
-- (R__08_citus.sql). Names the rows that sync_content_types returns too:
--   select polyref.content_type_name(ct.label, ct.relation, ct.model) from polyref.content_type ct;
-- The comment is read by the relation's oid, which is the coordinator's on a Citus cluster (a regclass is stored
-- as the oid): on a worker the same oid is another table or none, and Citus does not copy table comments to the
-- workers. So on a Citus worker (a query Citus pushed down to the shards, or one run on a worker) it raises
-- instead of answering wrongly (docs/scale-out.md). 0.2's first form took the row (issue 12, never released).
drop function if exists polyref.content_type_name(polyref.content_type);

create or replace function polyref.content_type_name(p_label text, p_relation regclass, p_model text)
returns text
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_group integer;
begin
    if exists (select from pg_extension where extname = 'citus') then
        -- Citus's catalog, through dynamic SQL so that this compiles without Citus; the coordinator is group 0
        execute 'select groupid from pg_catalog.pg_dist_local_group' into v_group;
        if v_group is distinct from 0 then
            raise exception 'polyref.content_type_name(%, %, %) ran on a Citus worker (group %), where the oid % '
                'is not the table''s: name content types on the coordinator (a query over polyref.content_type '
                'alone, or a materialized CTE of it), docs/scale-out.md', quote_nullable(p_label), p_relation::oid,
                quote_nullable(p_model), v_group, p_relation::oid using errcode = 'feature_not_supported';
        end if;
    end if;
    return coalesce(p_label, nullif(btrim(split_part(obj_description(p_relation, 'pg_class'), chr(10), 1)), ''),
                    p_model);
end
$$;

comment on function polyref.content_type_name(text, regclass, text) is
    'Polyref API (read-only helper): the human name of a content type (Django: name) from its label, relation '
    'and model columns: the label, else the first line of the table''s comment, else the table name.';


-- Declares the human name of a table's content type (Django's verbose_name); null clears it, so the table's
-- comment or name is used again. Creates the content type if the table has none yet (like declare_generic_key,
-- so a migration can label the tables it creates). Returns the row.
create or replace function polyref.set_content_type_label(p_table regclass, p_label text)
returns polyref.content_type
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_row polyref.content_type;
begin
    perform polyref.integrity_require_installer('polyref.set_content_type_label');
    if p_table is null then
        raise exception 'polyref.set_content_type_label: the table must not be null' using errcode = 'null_value_not_allowed';
    end if;
    if polyref.content_type_of(p_table) is null then
        if not exists (select from pg_class c where c.oid = p_table and c.relkind in ('r', 'p')) then
            raise exception 'polyref.set_content_type_label: % is not a catalogued table or proxy', p_table
                using errcode = 'wrong_object_type';
        end if;
        insert into polyref.content_type (app_label, model, relation)
        select n.nspname, c.relname, c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.oid = p_table
        on conflict do nothing;
    end if;
    update polyref.content_type ct set label = p_label
    where ct.id = polyref.content_type_of(p_table)
    returning * into v_row;
    return v_row;
end
$$;

comment on function polyref.set_content_type_label(regclass, text) is
    'Polyref API: sets (null: clears) the human name of a table''s or proxy''s content type (Django: verbose_name).';


-- PROXIES (Django's proxy models) ---------------------------------------------------------------------------------

-- The base table of a simple view, or null: a view whose query reads exactly one relation, an ordinary or
-- partitioned table with a content type, and which PostgreSQL can update automatically (so each of its rows is
-- one row of that table, with the table's primary key). Read from the view's rewrite rule's dependencies
-- (pg_rewrite, pg_depend), the way PostgreSQL itself tracks what a view reads.
create or replace function polyref.proxy_base_of(p_view regclass)
returns regclass
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select min(d.refobjid)::regclass
    from pg_class v
    join pg_rewrite rw on rw.ev_class = v.oid and rw.rulename = '_RETURN'
    join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = rw.oid
                    and d.refclassid = 'pg_class'::regclass and d.refobjid <> v.oid
    where v.oid = p_view and v.relkind = 'v'
      -- UPDATE and DELETE both possible without rules or triggers: a single-table, auto-updatable view
      and (pg_relation_is_updatable(v.oid, false) & 20) = 20
    having count(distinct d.refobjid) = 1
       and (select c.relkind from pg_class c where c.oid = min(d.refobjid)) in ('r', 'p')
       and polyref.content_type_of(min(d.refobjid)::regclass) is not null
       and exists (select from polyref.content_type ct
                   where ct.id = polyref.content_type_of(min(d.refobjid)::regclass) and ct.proxy_for is null)
$$;

comment on function polyref.proxy_base_of(regclass) is
    'Polyref API (read-only helper): the catalogued base table of a single-table, auto-updatable view, or null.';


-- Catalogues a view as a proxy of its base table (Django: class Meta: proxy = True) and returns its row. The base
-- is detected (polyref.proxy_base_of) when not given; a declared base must be a catalogued table the view reads,
-- and the view must have a column named like the table's primary key (a proxy's rows are the table's rows, found
-- by that key). Redeclaring a view updates its base.
create or replace function polyref.declare_proxy(p_view regclass, p_base regclass default null)
returns polyref.content_type
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_base    regclass := coalesce(p_base, polyref.proxy_base_of(p_view));
    v_base_ct integer;
    v_pk      name;
    v_row     polyref.content_type;
begin
    perform polyref.integrity_require_installer('polyref.declare_proxy');
    if p_view is null or not exists (select from pg_class c where c.oid = p_view and c.relkind = 'v') then
        raise exception 'polyref.declare_proxy: % is not a view', p_view using errcode = 'wrong_object_type';
    end if;
    if v_base is null then
        raise exception 'polyref.declare_proxy: view % is not a single-table, auto-updatable view of a catalogued '
            'table; name its base table: select polyref.declare_proxy(%L, ''schema.table'')', p_view, p_view::text
            using errcode = 'invalid_object_definition';
    end if;
    v_base_ct := polyref.content_type_of(v_base);
    if v_base_ct is null or exists (select from polyref.content_type ct where ct.id = v_base_ct and ct.proxy_for is not null)
       or not exists (select from pg_class c where c.oid = v_base and c.relkind in ('r', 'p')) then
        raise exception 'polyref.declare_proxy: base % of view % is not a catalogued table (run '
            'polyref.sync_content_types first)', v_base, p_view using errcode = 'invalid_object_definition';
    end if;
    if not exists (select from pg_depend d join pg_rewrite rw on d.classid = 'pg_rewrite'::regclass and d.objid = rw.oid
                   where rw.ev_class = p_view and d.refclassid = 'pg_class'::regclass and d.refobjid = v_base) then
        raise exception 'polyref.declare_proxy: view % does not read table %', p_view, v_base
            using errcode = 'invalid_object_definition';
    end if;
    select pk.column_name into v_pk from polyref.primary_key_of(v_base) pk;
    if v_pk is null or polyref.column_type_of(p_view, v_pk) is distinct from polyref.column_type_of(v_base, v_pk) then
        raise exception 'polyref.declare_proxy: view % must have the single-column primary key of % as a column of '
            'the same name and type', p_view, v_base using errcode = 'invalid_object_definition';
    end if;
    insert into polyref.content_type as ct (app_label, model, relation, proxy_for)
    select n.nspname, c.relname, c.oid, v_base_ct
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.oid = p_view
    on conflict (app_label, model) do update set relation = excluded.relation, proxy_for = excluded.proxy_for
    returning * into v_row;
    return v_row;
end
$$;

comment on function polyref.declare_proxy(regclass, regclass) is
    'Polyref API: catalogues a view as a proxy of its base table (detected for simple views when not given).';


-- Catalogues every simple view (polyref.proxy_base_of) of the given schemas (null: all) as a proxy, and returns
-- the rows added. Views already catalogued keep their row.
create or replace function polyref.sync_proxies(p_schemas text[])
returns setof polyref.content_type
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v record;
begin
    perform polyref.integrity_require_installer('polyref.sync_proxies');
    for v in
        select c.oid::regclass as view
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'v'
          and (case when p_schemas is null then n.nspname not like 'pg\_%' and n.nspname <> 'information_schema'
                    else n.nspname = any (p_schemas) end)
          and n.nspname <> 'polyref'
          and polyref.content_type_of(c.oid) is null
          and polyref.proxy_base_of(c.oid) is not null
        order by n.nspname, c.relname
    loop
        return next polyref.declare_proxy(v.view);
    end loop;
end
$$;

comment on function polyref.sync_proxies(text[]) is
    'Polyref API: catalogues every single-table, auto-updatable view of catalogued tables as a proxy; returns them.';
