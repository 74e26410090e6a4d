-- Polyref: what is wrong, and repairing it. Public API: integrity_check, integrity_repair, dangling_references.


-- What is wrong with the integrity machinery, if anything: one row per problem, with how to fix it.
--   drop_guard_missing: no event trigger applies ON DELETE actions when a target table is dropped; a superuser
--                       runs select polyref.install_drop_guard(), or run polyref.integrity_repair() after
--                       dropping a target table;
--   dropped_target:     a target table is gone but its registry rows remain, so references to its rows look
--                       valid; polyref.integrity_repair() removes them, applying every key's ON DELETE action;
--   key_not_enforced:   an enforced key lost its constraints (dropped by hand, or its table is gone);
--   key_not_valid:      an enforced key still has violating rows from before it was enforced;
--   missing_target:     a key allows a target whose table was dropped (or, enforced, one dropped and created
--                       again, which is not mirrored).
create or replace function polyref.integrity_check()
returns table (problem text, detail text)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select p.problem, p.detail from (
    select 'drop_guard_missing' as problem, 0 as sort,
           'no enabled event trigger polyref_integrity_on_drop: dropping a target table does not apply ON DELETE '
           'actions; a superuser can run: select polyref.install_drop_guard(); otherwise run select '
           'polyref.integrity_repair() after dropping a target table' as detail
    where exists (select from polyref.generic_key k where k.enforced)
      and not polyref.drop_guard_installed()
    union all
    select 'dropped_target', t.content_type_id,
           format('table of content type %s (%s.%s) is gone but %s rows of registry %s remain; '
                  'select polyref.integrity_repair() applies the ON DELETE actions',
                  t.content_type_id, ct.app_label, ct.model,
                  case t.registry
                      when 'bigint' then (select count(*) from polyref.object_bigint o where o.content_type_id = t.content_type_id)
                      when 'text' then (select count(*) from polyref.object_text o where o.content_type_id = t.content_type_id)
                      else (select count(*) from polyref.object_uuid o where o.content_type_id = t.content_type_id)
                  end, t.registry)
    from polyref.integrity_target t
    left join polyref.content_type ct on ct.id = t.content_type_id
    where not exists (select from pg_class c where c.oid = t.table_name)
    union all
    select 'key_not_enforced', 0,
           format('generic key %s on %s(%I, %I): %s', k.name, k.table_name, k.ct_column, k.id_column,
                  case when not exists (select from pg_class c where c.oid = k.table_name) then 'its table is gone'
                       else 'constraint ' || n.fk || ' or ' || n.ck || ' is missing' end)
    from polyref.generic_key k
    cross join lateral (select polyref.integrity_constraint_name('polyref_fk', k.ct_column, k.id_column) as fk,
                               polyref.integrity_constraint_name('polyref_ck', k.ct_column, k.id_column) as ck) n
    where k.enforced
      and (not exists (select from pg_constraint c where c.conrelid = k.table_name and c.conname = n.fk)
           or not exists (select from pg_constraint c where c.conrelid = k.table_name and c.conname = n.ck))
    union all
    select 'key_not_valid', 0,
           format('generic key %s on %s(%I, %I) has NOT VALID constraints: see polyref.generic_key_violations(%L, %L), '
                  'fix the rows, then call polyref.enforce_generic_key again', k.name, k.table_name, k.ct_column,
                  k.id_column, k.table_name, k.name)
    from polyref.generic_key k
    where k.enforced
      and exists (select from pg_constraint c
                  where c.conrelid = k.table_name and not c.convalidated
                    and c.conname in (polyref.integrity_constraint_name('polyref_fk', k.ct_column, k.id_column),
                                      polyref.integrity_constraint_name('polyref_ck', k.ct_column, k.id_column)))
    union all
    -- (a proxy target's table is its base table, issue 12)
    select 'missing_target', ct.id,
           format('generic key %s on %s lists allowed target %I.%I (content type %s), whose table %s',
                  k.name, k.table_name, ct.app_label, ct.model, ct.id,
                  case when polyref.concrete_table_of_content_type(ct.id) is null
                       then 'was dropped; declare the key again without it'
                       else 'was dropped and created again (it is not mirrored); enforce the key again' end)
    from polyref.generic_key k
    join polyref.generic_key_target gt on gt.generic_key_id = k.id
    join polyref.content_type ct on ct.id = gt.content_type_id
    -- a declaration whose own table is gone is polyref.generic_key_problems()'s to report
    where exists (select from pg_class c where c.oid = k.table_name)
      and (polyref.concrete_table_of_content_type(ct.id) is null or k.enforced)
      -- an enforced key's target: a row in the registry whose table is gone is reported as dropped_target
      -- until repaired; one whose table is the live one is fine
      and not exists (select from polyref.integrity_target t
                      where k.enforced and t.content_type_id = ct.id and t.registry = k.id_type
                        and (t.table_name = polyref.concrete_table_of_content_type(ct.id)
                             or not exists (select from pg_class c where c.oid = t.table_name)))
    ) p
    order by p.problem, p.sort, p.detail
$$;

comment on function polyref.integrity_check() is
    'Polyref API: what is wrong with the integrity machinery, one row per problem.';


-- Repairs what a dropped table left behind when no drop guard ran: removes the registry rows of targets whose
-- table is gone, so every key's ON DELETE action applies (RESTRICT raises: delete the referencing rows first),
-- and forgets declared keys whose table is gone. Returns the number of targets removed.
create or replace function polyref.integrity_repair()
returns integer
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    perform polyref.integrity_require_installer('polyref.integrity_repair');
    return polyref.integrity_forget_targets(false);
end
$$;

comment on function polyref.integrity_repair() is
    'Polyref API: removes what dropped tables left in the registry (applying the ON DELETE actions) and forgets '
    'keys of dropped tables. Run by the role that installed Polyref, or a superuser.';


-- Per declared generic key and content type: how many rows point at an object that does not exist, and why:
--   missing_object:       the target table exists but has no row with that key;
--   stale_content_type:   the content type's table is gone (every row of that type dangles);
--   unknown_content_type: the content type id has no catalogue row at all;
--   unsuitable_target:    the target has no single-column primary key, or one the object id cannot hold.
-- Object ids are compared as the integrity layer compares them: a text object id matches a key by the key's
-- canonical text form (so '042' does not match 42); a bigint or uuid id matches its key directly.
create or replace function polyref.dangling_references()
returns table (table_schema text, table_name text, key_name text, content_type_id integer, target text,
               dangling bigint, problem text)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    k           record;
    t           record;
    v_rel       regclass;
    v_pk_column name;
    v_pk_type   text;
    v_match     text;
begin
    for k in select gk.* from polyref.generic_key gk
             where exists (select from pg_class c where c.oid = gk.table_name)
             order by gk.table_name::text, gk.name loop
        for t in execute format(
                'select distinct r.%1$I::integer as ct, c.app_label, c.model from %2$s r '
                'left join polyref.content_type c on c.id = r.%1$I '
                'where r.%1$I is not null and r.%3$I is not null order by 1',
                k.ct_column, k.table_name, k.id_column) loop
            select n.nspname, c.relname into table_schema, table_name
            from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = k.table_name;
            key_name := k.name;
            content_type_id := t.ct;
            target := t.app_label || '.' || t.model;
            -- a proxy's objects are its base table's rows (issue 12)
            v_rel := case when t.app_label is not null then polyref.concrete_table_of_content_type(t.ct) end;
            v_pk_column := null;
            v_pk_type := null;
            if v_rel is not null then
                select pk.column_name, pk.column_type into v_pk_column, v_pk_type from polyref.primary_key_of(v_rel) pk;
            end if;
            problem := case when t.app_label is null then 'unknown_content_type'
                            when v_rel is null then 'stale_content_type'
                            when v_pk_column is null
                                 or polyref.object_id_registry(null, polyref.column_type_of(k.table_name, k.id_column),
                                                               v_pk_type) is null
                                then 'unsuitable_target'
                            else 'missing_object' end;
            if problem <> 'missing_object' then
                execute format('select count(*) from %s where %I = $1 and %I is not null',
                               k.table_name, k.ct_column, k.id_column)
                    using t.ct into dangling;
            elsif polyref.citus_table_kind(k.table_name) is not null or polyref.citus_table_kind(v_rel) is not null then
                -- On Citus the anti-join below is no plannable join (docs/scale-out.md): counted in two steps
                dangling := polyref.citus_count_dangling(k.table_name, k.ct_column, k.id_column, t.ct, v_rel,
                                                         v_pk_column, k.id_type = 'text');
            else
                v_match := case when k.id_type = 'text' then format('x.%I::text = r.%I', v_pk_column, k.id_column)
                                else format('x.%I = r.%I', v_pk_column, k.id_column) end;
                execute format('select count(*) from %s r where r.%I = $1 and r.%I is not null '
                               'and not exists (select from %s x where %s)',
                               k.table_name, k.ct_column, k.id_column, v_rel, v_match)
                    using t.ct into dangling;
            end if;
            if dangling > 0 then
                return next;
            end if;
        end loop;
    end loop;
end
$$;

comment on function polyref.dangling_references() is
    'Polyref API: per declared generic key and content type, the number of rows pointing at a missing object, and why.';
