-- Polyref on a Citus cluster (docs/scale-out.md). Public API: distribute_catalogue. A no-op on a server without
-- the citus extension: the functions are created everywhere (so every install has the same functions), but they
-- only act where citus is installed, and they reach Citus's own catalog through dynamic SQL only, so nothing here
-- needs Citus to exist.
--
-- On a Citus coordinator the catalogue and the declarations become REFERENCE tables: copied to every node, so a
-- distributed table's content-type column can have its foreign key to polyref.content_type (Citus allows a
-- foreign key from a distributed table to a reference table, not to a local one), every worker can join the
-- catalogue locally, and a content type has the same id on every node (rows are written through the
-- coordinator, which replicates each write to all nodes in the same transaction). The object registry
-- (polyref.object_*) and polyref.integrity_target stay on the coordinator: enforcement needs triggers on the
-- target tables, which Citus does not run on distributed or reference tables, so polyref.integrity_enforce
-- refuses keys that touch a Citus table (polyref.citus_require_enforceable).


-- 'distributed', 'reference', 'local' (a Citus local table, on the coordinator only), or null: not a Citus table,
-- or no Citus here. Read-only; internal.
create or replace function polyref.citus_table_kind(p_table regclass)
returns text
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_method     text;
    v_colocation integer;
begin
    if p_table is null or not exists (select from pg_extension where extname = 'citus') then
        return null;
    end if;
    -- pg_dist_partition is Citus's catalog: read through dynamic SQL so that this compiles without Citus. A
    -- reference table and a Citus local table both have no distribution column (partmethod 'n'); reference
    -- tables share a colocation group, local tables have none (0).
    execute 'select partmethod::text, colocationid from pg_catalog.pg_dist_partition where logicalrelid = $1'
        into v_method, v_colocation using p_table;
    return case when v_method is null then null
                when v_method <> 'n' then 'distributed'
                when v_colocation = 0 then 'local'
                else 'reference' end;
end
$$;

revoke execute on function polyref.citus_table_kind(regclass) from public;
comment on function polyref.citus_table_kind(regclass) is
    'Polyref internal: distributed, reference or local for a table in Citus''s metadata, otherwise null.';


-- Makes Polyref's catalogue and declarations reference tables when the citus extension is installed; returns
-- the tables it distributed (none when there is no Citus, or when they already are reference tables):
--
--   select polyref.distribute_catalogue();
--
-- Run by this migration on every apply (so installing Polyref on a coordinator distributes them), and by hand
-- after CREATE EXTENSION citus in a database that already has Polyref. Needs the installing role.
create or replace function polyref.distribute_catalogue()
returns setof regclass
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    -- in this order; each name is resolved when its turn comes
    c_catalogue constant text[] := array['polyref.generic_key', 'polyref.content_type',
                                          'polyref.generic_key_target'];
    v_name    text;
    v_table   regclass;
    v_fk      record;
    v_restore text[] := '{}';
    v_stmt    text;
begin
    if not exists (select from pg_extension where extname = 'citus') then
        return;
    end if;
    perform polyref.integrity_require_installer('polyref.distribute_catalogue');
    if not exists (select from unnest(c_catalogue) t (name)
                   where polyref.citus_table_kind(t.name::regclass) is distinct from 'reference') then
        return;
    end if;
    -- Every catalogue table must keep its table (its oid), because Polyref's functions take and return the row types
    -- polyref.generic_key and polyref.content_type, and a function's signature is bound to the type's oid. Citus
    -- keeps the table when it makes a plain table a reference table (it copies the rows into new shard tables),
    -- and a foreign key from a plain table to it only makes that referencing table a "Citus local table". But a
    -- Citus local table may have foreign keys to Citus tables only, so Citus converts every plain table connected
    -- to it through foreign keys into a Citus local table too, and it does so by moving the table into a shard
    -- under a new name (polyref.content_type_102010) and creating an empty shell under the old name: the functions'
    -- row type moves with the shard, and polyref.content_type_name(polyref.content_type) "does not exist". Here
    -- polyref.generic_key_target references both polyref.generic_key and polyref.content_type: distributing either
    -- one converts polyref.generic_key_target, and with it the other. So the foreign keys between the catalogue
    -- tables are dropped first and added back once all three are reference tables (a foreign key between
    -- reference tables is allowed); content_type's key to itself (proxy_for) stays, Citus keeps such a table. The
    -- plain tables that reference the catalogue (polyref.integrity_target, an application's tables) become Citus
    -- local tables, as Citus does. All in the caller's transaction: a failure changes nothing.
    for v_fk in
        select k.conrelid::regclass as tbl, k.conname, pg_get_constraintdef(k.oid) as def
        from pg_constraint k
        where k.contype = 'f'
          and k.conrelid = any (select t.name::regclass from unnest(c_catalogue) t (name))
          and k.confrelid = any (select t.name::regclass from unnest(c_catalogue) t (name))
          and k.conrelid <> k.confrelid
        order by k.conrelid::regclass::text, k.conname
    loop
        -- pg_get_constraintdef's output under the pinned search_path names the referenced table with its schema
        v_restore := v_restore || format('alter table %s add constraint %I %s', v_fk.tbl, v_fk.conname, v_fk.def);
        execute format('alter table %s drop constraint %I', v_fk.tbl, v_fk.conname);
    end loop;
    foreach v_name in array c_catalogue loop
        v_table := v_name::regclass;
        if polyref.citus_table_kind(v_table) is distinct from 'reference' then
            execute format('select pg_catalog.create_reference_table(%L)', v_table);
            return next v_table;
        end if;
    end loop;
    foreach v_stmt in array v_restore loop
        execute v_stmt;
    end loop;
end
$$;

comment on function polyref.distribute_catalogue() is
    'Polyref API: on a Citus coordinator, makes the catalogue and the declarations reference tables (no-op '
    'without Citus); returns the tables it distributed.';


-- Raises (SQLState PRC01) when a key cannot be enforced because its referencing table or one of its target
-- tables is a Citus table: enforcement installs statement triggers with transition tables on the targets and a
-- composite foreign key to the coordinator's object registry, and Citus runs neither on distributed or reference
-- tables. Called by polyref.integrity_enforce before it changes anything. The error names the key and the table.
create or replace function polyref.citus_require_enforceable(p_key polyref.generic_key, p_targets regclass[])
returns void
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_table regclass;
    v_kind  text;
begin
    if not exists (select from pg_extension where extname = 'citus') then
        return;
    end if;
    foreach v_table in array array[p_key.table_name] || coalesce(p_targets, '{}') loop
        v_kind := polyref.citus_table_kind(v_table);
        if v_kind in ('distributed', 'reference') then
            raise exception 'generic key % on %: cannot be enforced on Citus, because % is a % table (Citus runs '
                'no triggers on it, and the object registry is on the coordinator); polyref check reports its '
                'dangling references, and a plain foreign key can enforce a key with one target when both tables '
                'are colocated on the object id (docs/scale-out.md)', p_key.name, p_key.table_name, v_table, v_kind
                using errcode = 'PRC01', table = v_table::text;
        end if;
    end loop;
end
$$;

revoke execute on function polyref.citus_require_enforceable(polyref.generic_key, regclass[]) from public;
comment on function polyref.citus_require_enforceable(polyref.generic_key, regclass[]) is
    'Polyref internal: raises PRC01 when a key touches a Citus distributed or reference table.';


-- How many rows of a key's table point at content type p_ct with an object id that p_target (a Citus table) does
-- not have: polyref.dangling_references() for Citus, where "not exists (select from target where key = object
-- id)" is a join Citus cannot plan when the two tables are not colocated on the object id (or the object id is
-- text). Two pushed-down queries instead: the referenced ids with their row counts (a GROUP BY that every shard
-- runs), then which of them exist (key = ANY(ids), which prunes to the shards that hold them, as the resolver's
-- queries do). Internal; identifiers through %I and regclass output.
create or replace function polyref.citus_count_dangling(
    p_table     regclass,
    p_ct_column name,
    p_id_column name,
    p_ct        integer,
    p_target    regclass,
    p_pk_column name,
    p_text_ids  boolean
) returns bigint
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_ids    text[];
    v_counts bigint[];
    v_found  text[];
    v_type   text;
begin
    execute format('select array_agg(id), array_agg(n) from (select r.%2$I::text as id, count(*) as n from %1$s r '
                   'where r.%3$I = $1 and r.%2$I is not null group by 1) s', p_table, p_id_column, p_ct_column)
        into v_ids, v_counts using p_ct;
    if v_ids is null then
        return 0;
    end if;
    if p_text_ids then
        -- a text object id matches the key's text form (as in dangling_references)
        execute format('select array_agg(x.%1$I::text) from %2$s x where x.%1$I::text = any ($1)', p_pk_column,
                       p_target)
            into v_found using v_ids;
    else
        -- The ids go in as an array of the key's own kind, bound as such: a text[] cast to the key's type in the
        -- query ("any ($1::bigint[])") reaches each shard as a cast expression, which a shard's sequential scan
        -- evaluated again for every row (docs/scale-out.md, the 46 s prefetch); a typed parameter is a constant
        v_type := polyref.column_type_of(p_target, p_pk_column);
        if v_type in ('smallint', 'integer', 'bigint') then
            execute format('select array_agg(x.%1$I::text) from %2$s x where x.%1$I = any ($1)', p_pk_column,
                           p_target)
                into v_found using v_ids::bigint[];
        elsif v_type = 'uuid' then
            execute format('select array_agg(x.%1$I::text) from %2$s x where x.%1$I = any ($1)', p_pk_column,
                           p_target)
                into v_found using v_ids::uuid[];
        else
            execute format('select array_agg(x.%1$I::text) from %2$s x where x.%1$I = any ($1::%3$s[])', p_pk_column,
                           p_target, v_type)
                into v_found using v_ids;
        end if;
    end if;
    -- a hash anti-join on the coordinator, not "<> all (array)", which is quadratic
    return coalesce((select sum(u.c) from unnest(v_ids, v_counts) u (id, c)
                     where not exists (select from unnest(v_found) f (id) where f.id = u.id)), 0);
end
$$;

revoke execute on function polyref.citus_count_dangling(regclass, name, name, integer, regclass, name, boolean)
    from public;
comment on function polyref.citus_count_dangling(regclass, name, name, integer, regclass, name, boolean) is
    'Polyref internal: dangling rows of one key and content type, counted in two steps that Citus can plan.';


select polyref.distribute_catalogue();
