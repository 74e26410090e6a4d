-- Polyref internal: the object registry's upkeep. A target table of an enforced key has statement-level
-- triggers that mirror its primary key into polyref.object_<kind>; these functions generate them, make a
-- table a target (and backfill it), and remove targets whose table is gone or that no enforced key needs.


-- The registry value of a target's key column, as a SQL expression on a row alias: pk::text for the text
-- registry, the key itself otherwise.
create or replace function polyref.integrity_registry_value(p_registry text, p_alias text, p_column name)
returns text
language sql
immutable
set search_path = pg_catalog, pg_temp
as $$
    select case p_registry
        when 'text' then format('%s.%I::pg_catalog.text', p_alias, p_column)
        else format('%s.%I', p_alias, p_column)
    end
$$;

revoke execute on function polyref.integrity_registry_value(text, text, name) from public;
comment on function polyref.integrity_registry_value(text, text, name) is
    'Polyref internal: the registry value of a key column as an SQL expression.';


-- (Re)generates the trigger function and triggers that mirror one target table into its registries, from
-- polyref.integrity_target; drops them when the target feeds no registry any more (or its table is gone).
-- The generated function:
--   * is SECURITY DEFINER (writers of the target need no rights on the registry), owned by the owner of
--     polyref's tables (a superuser caller hands it over), and not executable by PUBLIC, so nobody can attach
--     it to another table;
--   * pins search_path and, before anything else, checks that it was fired by Polyref's trigger on the
--     registered target table of its content type and that this trigger declares the transition table it
--     reads: an unqualified polyref_new/polyref_old would otherwise find a view of that name in pg_temp;
--   * contains no name of a table: its body is passed as one literal (%L); inside it the key column is
--     quoted (%I) and the registry tables are Polyref's own.
-- A proxy's rows are its base table's rows (issue 12): a proxy that is a target (integrity_target row with the
-- base table as table_name) gets no triggers of its own; the base table's function also writes the registry rows
-- of each such proxy, in the same statement. Called for a proxy's content type, it regenerates its base's.
create or replace function polyref.integrity_install_triggers(p_content_type_id integer)
returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_function text := format('polyref.%I', 'object_registry_ct' || p_content_type_id);
    v_table    regclass;
    v_pk       name;
    v_insert   text := '';
    v_delete   text := '';
    v_update   text := '';
    v_truncate text := '';
    v_body     text;
    v_owner    name;
    v_schema   name;
    v_name     name;
    r          record;
    v_base     integer;
begin
    -- A proxy's registry rows are written by its base table's function
    select ct.proxy_for into v_base from polyref.content_type ct where ct.id = p_content_type_id;
    if v_base is not null then
        perform polyref.integrity_install_triggers(v_base);
        return;
    end if;
    -- The table's own registries first, then those of its proxies that are targets: the same statements under
    -- the proxy's content type. A proxy only while the table itself is a target (integrity_install_target keeps
    -- it one), so the guard below finds it.
    for r in
        select t.registry, t.table_name, t.content_type_id
        from polyref.integrity_target t
        join pg_class c on c.oid = t.table_name
        where t.content_type_id = p_content_type_id
           or (t.content_type_id in (select pct.id from polyref.content_type pct
                                     where pct.proxy_for = p_content_type_id)
               and t.table_name in (select b.table_name from polyref.integrity_target b
                                    where b.content_type_id = p_content_type_id))
        order by t.content_type_id <> p_content_type_id, t.content_type_id, t.registry
    loop
        if v_table is null then
            v_table := r.table_name;
            select pk.column_name into v_pk from polyref.primary_key_of(v_table) pk;
            if v_pk is null then
                raise exception 'target table % has no single-column primary key any more', v_table
                    using errcode = 'invalid_table_definition';
            end if;
        end if;
        v_insert := v_insert || format(
            'insert into polyref.%I (content_type_id, object_id) select %s, %s from polyref_new n; ',
            'object_' || r.registry, r.content_type_id, polyref.integrity_registry_value(r.registry, 'n', v_pk));
        v_delete := v_delete || format(
            'delete from polyref.%I o using polyref_old d where o.content_type_id operator(pg_catalog.=) %s '
            'and o.object_id operator(pg_catalog.=) %s; ',
            'object_' || r.registry, r.content_type_id, polyref.integrity_registry_value(r.registry, 'd', v_pk));
        v_update := v_update || format(
            'update polyref.%I set object_id = %s where content_type_id operator(pg_catalog.=) %s '
            'and object_id operator(pg_catalog.=) %s; ',
            'object_' || r.registry, polyref.integrity_registry_value(r.registry, 'new', v_pk), r.content_type_id,
            polyref.integrity_registry_value(r.registry, 'old', v_pk));
        v_truncate := v_truncate || format(
            'delete from polyref.%I where content_type_id operator(pg_catalog.=) %s; ',
            'object_' || r.registry, r.content_type_id);
    end loop;

    if v_table is null then
        -- CASCADE also drops the triggers if the table still exists
        execute format('drop function if exists %s() cascade', v_function);
        return;
    end if;

    -- Who may fire the function. The full check looks the registered target up in polyref.integrity_target (a
    -- regclass, so it survives a dump and restore or a rename) and the firing trigger up in pg_trigger, in one
    -- query; run on every statement it cost more than the registry write itself (docs/integrity.md, "What it
    -- costs"). So a fast path without a query comes first: fired AFTER, on the table this body was generated for
    -- (its oid, schema and name now, all three; after a dump and restore or a rename they differ and the full
    -- check runs), with no relation in pg_temp named like a transition table, so the names polyref_new and
    -- polyref_old can only mean the firing trigger's own transition tables (the search path is pinned to
    -- pg_catalog, pg_temp; nobody but a superuser creates relations in pg_catalog).
    select n.nspname, c.relname into v_schema, v_name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.oid = v_table;
    v_body := format($body$
begin
    -- Run only as Polyref's own trigger on the registered target of content type %1$s (see
    -- polyref.integrity_install_triggers): never attached elsewhere, and the transition table read below is
    -- the trigger's own, not a relation found on the search path
    if tg_when operator(pg_catalog.=) 'AFTER' and tg_relid operator(pg_catalog.=) %6$s::pg_catalog.oid
       and tg_table_schema operator(pg_catalog.=) %7$L and tg_table_name operator(pg_catalog.=) %8$L
       and pg_catalog.to_regclass('pg_temp.polyref_new') is null
       and pg_catalog.to_regclass('pg_temp.polyref_old') is null then
        null;  -- the fast path: see polyref.integrity_install_triggers
    elsif tg_when operator(pg_catalog.<>) 'AFTER'
       or not exists (
           select from pg_catalog.pg_trigger t
           join polyref.integrity_target it on it.content_type_id operator(pg_catalog.=) %1$s
               -- the update trigger is a row trigger: on a partitioned target it fires on the partition
               and it.table_name::pg_catalog.oid operator(pg_catalog.=) (case
                   when tg_level operator(pg_catalog.=) 'ROW'
                   then coalesce(pg_catalog.pg_partition_root(tg_relid), tg_relid::pg_catalog.regclass)::pg_catalog.oid
                   else tg_relid end)
           where t.tgrelid operator(pg_catalog.=) tg_relid and t.tgname operator(pg_catalog.=) tg_name
             and case tg_op
                     when 'INSERT' then tg_level operator(pg_catalog.=) 'STATEMENT'
                                        and t.tgnewtable operator(pg_catalog.=) 'polyref_new'
                     when 'DELETE' then tg_level operator(pg_catalog.=) 'STATEMENT'
                                        and t.tgoldtable operator(pg_catalog.=) 'polyref_old'
                     when 'UPDATE' then tg_level operator(pg_catalog.=) 'ROW'
                     else tg_level operator(pg_catalog.=) 'STATEMENT'
                 end)
    then
        raise exception 'polyref.object_registry_ct%1$s() may only be fired by Polyref''s registry triggers of '
            'the target table of content type %1$s, not by trigger %% on table %%', tg_name, tg_relid::pg_catalog.regclass
            using errcode = 'insufficient_privilege';
    end if;
    if tg_op operator(pg_catalog.=) 'INSERT' then %2$s
    elsif tg_op operator(pg_catalog.=) 'DELETE' then %3$s
    elsif tg_op operator(pg_catalog.=) 'UPDATE' then %4$s
    else %5$s
    end if;
    return null;
end
$body$, p_content_type_id, v_insert, v_delete, v_update, v_truncate,
        v_table::oid, v_schema, v_name);

    execute format('create or replace function %s() returns trigger language plpgsql security definer '
                   'set search_path = pg_catalog, pg_temp as %L', v_function, v_body);
    execute format('revoke all on function %s() from public', v_function);
    -- A superuser running enforce must not leave a SECURITY DEFINER function that runs as a superuser: hand it
    -- to the owner of polyref's tables, who has exactly the rights it needs (the registry)
    v_owner := (select c.relowner::regrole::name from pg_class c where c.oid = 'polyref.object_bigint'::regclass);
    if v_owner <> current_user and (select ro.rolsuper from pg_roles ro where ro.rolname = current_user) then
        execute format('alter function %s() owner to %I', v_function, v_owner);
    end if;
    execute format('comment on function %s() is %L', v_function, format(
        'Polyref internal: keeps the object registry in step with the target table of content type %s.',
        p_content_type_id));

    execute format('create or replace trigger polyref_registry_insert after insert on %s '
        'referencing new table as polyref_new for each statement execute function %s()', v_table, v_function);
    execute format('create or replace trigger polyref_registry_delete after delete on %s '
        'referencing old table as polyref_old for each statement execute function %s()', v_table, v_function);
    -- Only a changed primary key costs anything; keys follow it (the foreign keys are ON UPDATE CASCADE)
    execute format('create or replace trigger polyref_registry_update after update of %I on %s for each row '
        'when (old.%I is distinct from new.%I) execute function %s()', v_pk, v_table, v_pk, v_pk, v_function);
    execute format('create or replace trigger polyref_registry_truncate after truncate on %s '
        'for each statement execute function %s()', v_table, v_function);
end
$$;

revoke execute on function polyref.integrity_install_triggers(integer) from public;
comment on function polyref.integrity_install_triggers(integer) is
    'Polyref internal: (re)generates the registry trigger function and triggers of a target table.';


-- Makes a table a target of a registry: installs its triggers, then backfills the registry from its rows.
-- Returns the number of registry rows added. For a proxy's content type p_table is its base table, which
-- becomes a target first (its function writes the proxy's rows too, see integrity_install_triggers).
create or replace function polyref.integrity_install_target(p_content_type_id integer, p_table regclass, p_registry text)
returns bigint
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_pk    name;
    v_added bigint;
    v_base  integer := (select ct.proxy_for from polyref.content_type ct where ct.id = p_content_type_id);
    v_base_added bigint := 0;
begin
    if v_base is not null then
        v_base_added := polyref.integrity_install_target(v_base, p_table, p_registry);
    end if;
    -- Writers of the target wait from here to commit, so the backfill below sees every row and no row is
    -- written without the trigger (the backfill's snapshot is taken after this lock under READ COMMITTED)
    execute format('lock table %s in share row exclusive mode', p_table);
    -- A table of the same name dropped without the drop guard: its registry rows are of rows that are gone
    delete from polyref.integrity_target t
    where t.content_type_id = p_content_type_id and t.registry = p_registry
      and not exists (select from pg_class c where c.oid = t.table_name);
    insert into polyref.integrity_target (content_type_id, registry, table_name)
    values (p_content_type_id, p_registry, p_table)
    on conflict (content_type_id, registry) do update set table_name = excluded.table_name;
    perform polyref.integrity_install_triggers(p_content_type_id);
    select pk.column_name into v_pk from polyref.primary_key_of(p_table) pk;
    execute format('insert into polyref.%I (content_type_id, object_id) select %s, %s from %s t '
        'on conflict do nothing', 'object_' || p_registry, p_content_type_id,
        polyref.integrity_registry_value(p_registry, 't', v_pk), p_table);
    get diagnostics v_added = row_count;
    return v_added + v_base_added;
end
$$;

revoke execute on function polyref.integrity_install_target(integer, regclass, text) from public;
comment on function polyref.integrity_install_target(integer, regclass, text) is
    'Polyref internal: makes a table a target of a registry and backfills it.';


-- A target leaves a registry: its registry rows go (so the keys' ON DELETE actions apply: CASCADE deletes the
-- referencing rows, SET NULL clears them, RESTRICT and NO ACTION raise), then its triggers are regenerated.
create or replace function polyref.integrity_target_removed()
returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    r record;
begin
    -- Triggers first: deleting the registry rows below can cascade into a removed target's own rows (it may
    -- also be a referencing table), whose trigger would then fire without its integrity_target row. A removed
    -- proxy's rows were written by its base table's function (its content type row may be gone already: the
    -- base is found through the table).
    for r in select distinct v.id from polyref_old d
             cross join lateral (values (d.content_type_id), (polyref.content_type_of(d.table_name))) v (id)
             where v.id is not null loop
        perform polyref.integrity_install_triggers(r.id);
    end loop;
    delete from polyref.object_bigint o using polyref_old d
        where d.registry = 'bigint' and o.content_type_id = d.content_type_id;
    delete from polyref.object_text o using polyref_old d
        where d.registry = 'text' and o.content_type_id = d.content_type_id;
    delete from polyref.object_uuid o using polyref_old d
        where d.registry = 'uuid' and o.content_type_id = d.content_type_id;
    return null;
end
$$;

revoke execute on function polyref.integrity_target_removed() from public;
comment on function polyref.integrity_target_removed() is
    'Polyref internal: trigger deleting the registry rows of a removed target.';

create or replace trigger integrity_target_removed after delete on polyref.integrity_target
    referencing old table as polyref_old for each statement execute function polyref.integrity_target_removed();


-- Forgets declared keys whose table is gone, and removes targets whose table is gone (p_dropped: only among
-- these tables; p_unused: also targets that no enforced key needs: a key needs the targets it allows, and a key
-- declared without targets every target of its registry). Removing a target deletes its registry rows, so the
-- keys' ON DELETE actions apply. An unused target stays while a key of its registry is NOT VALID: that key's
-- old rows of a type it no longer allows could still point at it. Returns the number of targets removed.
create or replace function polyref.integrity_forget_targets(p_unused boolean, p_dropped oid[] default null)
returns integer
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_removed integer := 0;
    v_step    integer;
begin
    delete from polyref.generic_key k
    where not exists (select from pg_class c where c.oid = k.table_name)
      and (p_dropped is null or k.table_name::oid = any (p_dropped));
    -- Repeated until nothing goes: a table stays a target while a proxy of it is one (its function writes the
    -- proxy's rows), so it can only go once its proxies have gone
    loop
    delete from polyref.integrity_target t
    where (not exists (select from pg_class c where c.oid = t.table_name)
           and (p_dropped is null or t.table_name::oid = any (p_dropped)))
       or (p_unused
           and not exists (select from polyref.generic_key k
                           where k.enforced and k.id_type = t.registry
                             and (t.content_type_id in (select gt.content_type_id from polyref.generic_key_target gt
                                                        where gt.generic_key_id = k.id)
                                  or (not exists (select from polyref.generic_key_target gt
                                                  where gt.generic_key_id = k.id)
                                      -- a proxy only for a key storing proxies' own types (issue 12)
                                      and (not k.for_concrete_model
                                           or not exists (select from polyref.content_type pct
                                                          where pct.id = t.content_type_id
                                                            and pct.proxy_for is not null)))))
           and not exists (select from polyref.generic_key k
                           join pg_constraint c on c.conrelid = k.table_name
                               and c.conname in (polyref.integrity_constraint_name('polyref_fk', k.ct_column, k.id_column),
                                                 polyref.integrity_constraint_name('polyref_ck', k.ct_column, k.id_column))
                           where k.enforced and k.id_type = t.registry and not c.convalidated)
           and not exists (select from polyref.integrity_target pt
                           join polyref.content_type pct on pct.id = pt.content_type_id
                           where pct.proxy_for = t.content_type_id and pt.registry = t.registry
                             and pt.table_name = t.table_name));
    get diagnostics v_step = row_count;
    v_removed := v_removed + v_step;
    exit when v_step = 0;
    end loop;
    return v_removed;
end
$$;

revoke execute on function polyref.integrity_forget_targets(boolean, oid[]) from public;
comment on function polyref.integrity_forget_targets(boolean, oid[]) is
    'Polyref internal: forgets keys and targets whose table is gone, or targets no key needs.';


-- UPGRADE: a changed trigger body (this file re-runs whenever it changes) reaches the targets enforced before.
-- Regenerated where the migrating role may recreate the target's triggers (it owns the table, or is a
-- superuser); elsewhere the function keeps its previous body, which is correct, only slower, until the table's
-- owner runs polyref.enforce_generic_key again.
do $$
declare
    r record;
begin
    for r in
        select distinct t.content_type_id, t.table_name,
               pg_catalog.pg_has_role(c.relowner, 'USAGE')
                   or (select ro.rolsuper from pg_catalog.pg_roles ro where ro.rolname = current_user) as may
        from polyref.integrity_target t
        join pg_catalog.pg_class c on c.oid = t.table_name
        order by t.content_type_id
    loop
        if r.may then
            perform polyref.integrity_install_triggers(r.content_type_id);
        else
            raise notice 'polyref: the registry trigger of % keeps its previous body; its owner can regenerate it '
                'with polyref.enforce_generic_key', r.table_name;
        end if;
    end loop;
end
$$;
