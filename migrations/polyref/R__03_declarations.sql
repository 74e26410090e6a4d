-- Polyref: declaring generic keys (Django's GenericForeignKey, declared in SQL). Public API: declare_generic_key,
-- generic_keys, generic_key_problems; read-only helper generic_key_problem. Code generation reads the declared
-- keys to emit one typed descriptor per key (GenericKeys.ACTIVITY_TARGET, ...). Enforcement is R__05's.


-- What is wrong with a generic key on these columns, or null when nothing is (Django's checks E001-E004, plus
-- polyref.object_id_registry's type rule). Used when declaring and by code generation, which re-checks every
-- declared key because columns can change after a declaration.
create or replace function polyref.generic_key_problem(
    p_table     regclass,
    p_name      text,
    p_ct_column name,
    p_id_column name
) returns text
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_key     text := format('generic key %s on %s', p_name, p_table);
    v_ct_type text := polyref.column_type_of(p_table, p_ct_column);
    v_id_type text := polyref.column_type_of(p_table, p_id_column);
    v_fk      record;
begin
    if not exists (select from pg_class c where c.oid = p_table) then
        return format('generic key %s on table %s: the table is gone; select polyref.integrity_repair() forgets '
                      'the declaration', p_name, p_table::oid);
    end if;
    if v_id_type is null then
        return format('%s: object-id column %s.%I does not exist (E001)', v_key, p_table, p_id_column);
    end if;
    if v_ct_type is null then
        return format('%s: content-type column %s.%I does not exist (E002)', v_key, p_table, p_ct_column);
    end if;
    -- the rule refuses the pair, though it would take the object id alone: the content type's type is wrong
    if polyref.object_id_registry(v_ct_type, v_id_type, null) is null
       and polyref.object_id_registry(null, v_id_type, null) is not null then
        return format('%s: content-type column %s.%I has type %s; it must be integer, like polyref.content_type (id) (E003)',
                      v_key, p_table, p_ct_column, v_ct_type);
    end if;
    -- E003 and E004: a single-column foreign key from the content-type column to polyref.content_type(id)
    select c.confrelid::regclass as target,
           (select attname from pg_attribute where attrelid = c.confrelid and attnum = c.confkey[1]) as target_col
    into v_fk
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.conrelid = p_table and c.contype = 'f' and cardinality(c.conkey) = 1 and a.attname = p_ct_column
    order by (c.confrelid = 'polyref.content_type'::regclass) desc
    limit 1;
    if not found then
        return format('%s: content-type column %s.%I is not a foreign key; it must reference '
                      'polyref.content_type (id) (E003)', v_key, p_table, p_ct_column);
    end if;
    if v_fk.target <> 'polyref.content_type'::regclass or v_fk.target_col <> 'id' then
        return format('%s: content-type column %s.%I references %s (%I), not polyref.content_type (id) (E004)',
                      v_key, p_table, p_ct_column, v_fk.target, v_fk.target_col);
    end if;
    if polyref.object_id_registry(null, v_id_type, null) is null then
        return format('%s: object-id column %s.%I has type %s; use bigint, text or uuid', v_key, p_table,
                      p_id_column, v_id_type);
    end if;
    return null;
end
$$;

comment on function polyref.generic_key_problem(regclass, text, name, name) is
    'Polyref API (read-only helper): what is wrong with a generic key on these columns, or null.';


-- The declared generic keys of live tables, by schema and table name (the way code generation and checks name
-- them); the allowed targets are in polyref.generic_key_target (generic_key_id = id).
create or replace function polyref.generic_keys()
returns table (id integer, table_schema name, table_name name, name text, ct_column name, id_column name,
               id_type text, on_delete text, enforced boolean)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select gk.id, n.nspname, c.relname, gk.name, gk.ct_column, gk.id_column, gk.id_type, gk.on_delete, gk.enforced
    from polyref.generic_key gk
    join pg_class c on c.oid = gk.table_name
    join pg_namespace n on n.oid = c.relnamespace
    order by 2, 3, 4
$$;

comment on function polyref.generic_keys() is
    'Polyref API: the declared generic keys (schema, table, name, columns, object-id kind, ON DELETE, enforced).';


-- Every problem of every declared generic key, including allowed targets whose table is gone or whose primary
-- key the object id cannot hold. Code generation fails when this returns rows. table_schema and table_name are
-- null for a key whose table is gone.
create or replace function polyref.generic_key_problems()
returns table (table_schema text, table_name text, name text, problem text)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select n.nspname::text, c.relname::text, gk.name, p.problem
    from polyref.generic_key gk
    left join pg_class c on c.oid = gk.table_name
    left join pg_namespace n on n.oid = c.relnamespace
    cross join lateral (
        select polyref.generic_key_problem(gk.table_name, gk.name, gk.ct_column, gk.id_column)
        union all
        select format('generic key %s on %s: allowed target %I.%I %s', gk.name, gk.table_name,
                      ct.app_label, ct.model,
                      case when t.rel is null then 'does not exist'
                           when pk.column_type is null then 'has no single-column primary key'
                           else format('has a %s primary key, which a %s object id cannot hold',
                                       pk.column_type, polyref.column_type_of(gk.table_name, gk.id_column)) end)
        from polyref.generic_key_target gt
        join polyref.content_type ct on ct.id = gt.content_type_id
        -- a proxy's rows are its base table's (issue 12)
        cross join lateral polyref.concrete_table_of_content_type(ct.id) t (rel)
        left join lateral polyref.primary_key_of(t.rel) pk on true
        where gt.generic_key_id = gk.id
          and c.oid is not null
          and (t.rel is null or pk.column_type is null
               or polyref.object_id_registry(null, polyref.column_type_of(gk.table_name, gk.id_column),
                                             pk.column_type) is null)
    ) p (problem)
    where p.problem is not null
    order by 1, 2, 3, 4
$$;

comment on function polyref.generic_key_problems() is
    'Polyref API: every problem of every declared generic key.';


-- Declares (or re-declares, replacing the old definition) a generic key on p_table:
--
--   select polyref.declare_generic_key('app.activity', 'target',
--                                      p_allowed_targets => array['app.video', 'app.song']::regclass[],
--                                      p_on_delete => 'cascade', p_enforced => true);
--
-- p_allowed_targets empty (or null): any content type whose key the object id can hold. p_on_delete: cascade,
-- set null, restrict or no action (what enforcement does when a target row is deleted). p_enforced: whether
-- PostgreSQL enforces the key; redeclaring re-runs enforcement (or removes it), so the database's constraints
-- always match the declaration. Raises invalid_object_definition (42P17) naming the table and column when the
-- columns cannot carry a generic key. Allowed targets get their catalogue rows here (ON CONFLICT DO NOTHING),
-- because tables created by the same migration are only synced into the catalogue after it.
drop function if exists polyref.declare_generic_key(regclass, text, text, text, regclass[]);
create or replace function polyref.declare_generic_key(
    p_table           regclass,
    p_name            text,
    p_ct_column       text default 'content_type_id',
    p_id_column       text default 'object_id',
    p_allowed_targets regclass[] default '{}',
    p_on_delete       text default 'cascade',
    p_enforced        boolean default false
) returns polyref.generic_key
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_on_delete text := polyref.generic_key_on_delete(p_on_delete);
    v_old       polyref.generic_key;
    v_key       polyref.generic_key;
begin
    -- Declaring writes Polyref's tables and may enforce: the installing role's job (docs/security.md)
    perform polyref.integrity_require_installer('polyref.declare_generic_key');
    perform polyref.generic_key_check_declaration(p_table, p_name, p_ct_column, p_id_column,
                                                  coalesce(p_allowed_targets, '{}'), v_on_delete);
    select * into v_old from polyref.generic_key gk where gk.table_name = p_table and gk.name = p_name;
    -- Enforcement that no longer matches (other columns, or not enforced any more) goes first
    if v_old.enforced and (not p_enforced or v_old.ct_column <> p_ct_column or v_old.id_column <> p_id_column) then
        perform polyref.integrity_unenforce(v_old);
    end if;
    v_key := polyref.generic_key_store(p_table, p_name, p_ct_column, p_id_column, coalesce(p_allowed_targets, '{}'),
                                       v_on_delete, p_enforced);
    if p_enforced then
        perform polyref.integrity_enforce(v_key);
    end if;
    return v_key;
end
$$;

comment on function polyref.declare_generic_key(regclass, text, text, text, regclass[], text, boolean) is
    'Polyref API: declares or redeclares a generic key (columns, allowed targets, ON DELETE action, enforced) on a '
    'table; enforcement follows the declaration.';


-- An ON DELETE action as stored: lower case, single spaces; raises for anything but the four actions.
create or replace function polyref.generic_key_on_delete(p_action text)
returns text
language plpgsql
immutable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_action text := lower(btrim(regexp_replace(p_action, '\s+', ' ', 'g')));
begin
    if v_action is null or v_action not in ('cascade', 'set null', 'restrict', 'no action') then
        raise exception 'unknown ON DELETE action ''%'': use cascade, set null, restrict or no action', p_action
            using errcode = 'invalid_parameter_value';
    end if;
    return v_action;
end
$$;

comment on function polyref.generic_key_on_delete(text) is
    'Polyref API (read-only helper): an ON DELETE action as stored (cascade, set null, restrict, no action).';


-- Raises invalid_object_definition (42P17) when the declaration cannot be stored: a bad name, bad columns, a
-- target the object id cannot hold, SET NULL on a NOT NULL column, columns of another key of the table.
create or replace function polyref.generic_key_check_declaration(
    p_table regclass, p_name text, p_ct_column name, p_id_column name, p_targets regclass[], p_on_delete text
) returns void
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_problem text;
    v_id_type text;
    v_target  regclass;
    v_base    regclass;
    v_pk      record;
    v_other   text;
begin
    if p_table is null or p_name is null or p_ct_column is null or p_id_column is null then
        raise exception 'polyref.declare_generic_key: table, name and both column names must not be null'
            using errcode = 'null_value_not_allowed';
    end if;
    if p_name !~ '^[a-z_][a-z0-9_]*$' then
        raise exception 'generic key on %: name ''%'' must be a lower-case identifier', p_table, p_name
            using errcode = 'invalid_object_definition';
    end if;
    v_problem := polyref.generic_key_problem(p_table, p_name, p_ct_column, p_id_column);
    if v_problem is not null then
        raise exception '%', v_problem using errcode = 'invalid_object_definition';
    end if;
    v_id_type := polyref.column_type_of(p_table, p_id_column);
    foreach v_target in array p_targets loop
        -- A view is a target only as a catalogued proxy, whose rows are its base table's (issue 12)
        if exists (select from pg_class c where c.oid = v_target and c.relkind not in ('r', 'p')) then
            v_base := (select polyref.concrete_table_of_content_type(ct.id) from polyref.content_type ct
                       where ct.id = polyref.content_type_of(v_target) and ct.proxy_for is not null
                         and ct.relation = v_target);
            if v_base is null then
                raise exception 'generic key % on %: allowed target % is not a table or a catalogued proxy '
                    '(select polyref.declare_proxy(%L))', p_name, p_table, v_target, v_target::text
                    using errcode = 'invalid_object_definition';
            end if;
        else
            v_base := v_target;
        end if;
        select * into v_pk from polyref.primary_key_of(v_base);
        if not found then
            raise exception 'generic key % on %: allowed target % has no single-column primary key',
                p_name, p_table, v_target using errcode = 'invalid_object_definition';
        end if;
        if polyref.object_id_registry(null, v_id_type, v_pk.column_type) is null then
            raise exception 'generic key % on %: allowed target % has a % primary key (%), which the % object-id '
                'column %.% cannot hold', p_name, p_table, v_target, v_pk.column_type, v_pk.column_name, v_id_type,
                p_table, quote_ident(p_id_column) using errcode = 'invalid_object_definition';
        end if;
    end loop;
    if p_on_delete = 'set null' then
        select string_agg(quote_ident(a.attname), ', ') into v_problem
        from pg_attribute a
        where a.attrelid = p_table and a.attname in (p_ct_column, p_id_column) and a.attnotnull;
        if v_problem is not null then
            raise exception 'generic key % on %(%, %) cannot be ON DELETE SET NULL: column % is NOT NULL',
                p_name, p_table, quote_ident(p_ct_column), quote_ident(p_id_column), v_problem
                using errcode = 'invalid_object_definition';
        end if;
    end if;
    select gk.name into v_other from polyref.generic_key gk
    where gk.table_name = p_table and gk.ct_column = p_ct_column and gk.id_column = p_id_column
      and gk.name <> p_name;
    if found then
        raise exception 'generic key % on %: columns (%, %) already belong to generic key %', p_name, p_table,
            quote_ident(p_ct_column), quote_ident(p_id_column), v_other using errcode = 'invalid_object_definition';
    end if;
end
$$;

revoke execute on function polyref.generic_key_check_declaration(regclass, text, name, name, regclass[], text)
    from public;
comment on function polyref.generic_key_check_declaration(regclass, text, name, name, regclass[], text) is
    'Polyref internal: raises when a declaration cannot be stored.';


-- Writes a declaration: the key's row (inserted or updated) and exactly the given targets, each with its
-- catalogue row (created here if the table is not catalogued yet).
create or replace function polyref.generic_key_store(
    p_table regclass, p_name text, p_ct_column name, p_id_column name, p_targets regclass[], p_on_delete text,
    p_enforced boolean
) returns polyref.generic_key
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_key polyref.generic_key;
begin
    insert into polyref.generic_key as gk (table_name, name, ct_column, id_column, id_type, on_delete, enforced)
    values (p_table, p_name, p_ct_column, p_id_column,
            polyref.object_id_registry(null, polyref.column_type_of(p_table, p_id_column), null), p_on_delete,
            p_enforced)
    on conflict (table_name, name) do update
        set ct_column = excluded.ct_column, id_column = excluded.id_column, id_type = excluded.id_type,
            on_delete = excluded.on_delete, enforced = excluded.enforced
    returning * into v_key;

    insert into polyref.content_type (app_label, model, relation)
    select n.nspname, c.relname, c.oid
    from unnest(p_targets) t (rel)
    join pg_class c on c.oid = t.rel
    join pg_namespace n on n.oid = c.relnamespace
    where polyref.content_type_of(c.oid) is null
    on conflict do nothing;
    delete from polyref.generic_key_target gt
    where gt.generic_key_id = v_key.id
      and gt.content_type_id <> all (array(select polyref.content_type_of(t) from unnest(p_targets) t));
    insert into polyref.generic_key_target (generic_key_id, content_type_id)
    select distinct v_key.id, polyref.content_type_of(t) from unnest(p_targets) t
    on conflict do nothing;
    return v_key;
end
$$;

revoke execute on function polyref.generic_key_store(regclass, text, name, name, regclass[], text, boolean)
    from public;
comment on function polyref.generic_key_store(regclass, text, name, name, regclass[], text, boolean) is
    'Polyref internal: writes a declared generic key and exactly its allowed targets.';


-- Django's for_concrete_model on a declared key: true (the default) stores a proxy's base table's content type,
-- false the proxy's own. Code generation carries it to the GenericKey (GenericKey.forConcreteModel()).
create or replace function polyref.set_generic_key_for_concrete_model(
    p_table regclass, p_name text, p_for_concrete_model boolean
) returns polyref.generic_key
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
declare
    v_key polyref.generic_key;
begin
    perform polyref.integrity_require_installer('polyref.set_generic_key_for_concrete_model');
    if p_for_concrete_model is null then
        raise exception 'polyref.set_generic_key_for_concrete_model: p_for_concrete_model must not be null'
            using errcode = 'null_value_not_allowed';
    end if;
    update polyref.generic_key gk set for_concrete_model = p_for_concrete_model
    where gk.table_name = p_table and gk.name = p_name
    returning * into v_key;
    if not found then
        raise exception 'no generic key % declared on %', p_name, p_table using errcode = 'undefined_object';
    end if;
    -- An enforced key's targets follow the choice: storing proxies' own types needs their registry rows
    if v_key.enforced then
        perform polyref.integrity_enforce(v_key);
    end if;
    return v_key;
end
$$;

comment on function polyref.set_generic_key_for_concrete_model(regclass, text, boolean) is
    'Polyref API: whether a declared key stores a proxy''s base table''s content type (true, default) or its own.';
