-- Polyref's own schema, version 3: integrity of generic keys, enforced by PostgreSQL. Optional, per key.
--
-- Design (docs/integrity.md has the reasoning and the measurements): an OBJECT REGISTRY WITH REAL FOREIGN KEYS.
--   * polyref.object_bigint / object_text / object_uuid hold one row (content_type_id, object_id) per row of each
--     target table, kept in step by statement-level triggers on the target tables (one registry statement per
--     target statement, not per row).
--   * An enforced generic key is a real composite foreign key (ct, id) -> polyref.object_<type> MATCH FULL
--     ON DELETE <action> ON UPDATE CASCADE, plus a CHECK that the content type is one of the key's targets.
--   * So a DELETE of a target row, from anywhere, deletes its registry row and PostgreSQL's own referential
--     integrity applies the action, with its own row locks (FOR KEY SHARE) under every isolation level.
--   * A target stops being a target (its table dropped, its content type deleted, no key needing it any more):
--     its registry rows are deleted, so every key's ON DELETE action applies (RESTRICT blocks it).
-- Nothing here depends on V2 (generic-key declarations); integrity is its own API:
--   polyref.enforce_generic_key, polyref.unenforce_generic_key, polyref.generic_key_violations,
--   polyref.integrity_check, polyref.integrity_repair.


-- The object registry: one table per object-id type a generic key can have.
create table polyref.object_bigint (
    content_type_id integer not null,
    object_id       bigint  not null,
    primary key (content_type_id, object_id)
);

create table polyref.object_text (
    content_type_id integer not null,
    object_id       text    not null,
    primary key (content_type_id, object_id)
);

create table polyref.object_uuid (
    content_type_id integer not null,
    object_id       uuid    not null,
    primary key (content_type_id, object_id)
);

comment on table polyref.object_bigint is
    'Polyref object registry: one row per row of every target table of an enforced bigint generic key. '
    'Maintained by triggers; enforced keys are foreign keys to it.';
comment on table polyref.object_text is
    'Polyref object registry for text generic keys: object_id is the text form (pk::text) of the target''s key.';
comment on table polyref.object_uuid is
    'Polyref object registry for uuid generic keys.';

-- Which registries each target table feeds. Deleting a row here deletes the target's registry rows (so the
-- ON DELETE actions of the keys apply) and regenerates or removes the target's triggers.
create table polyref.integrity_target (
    content_type_id integer  not null references polyref.content_type (id) on delete cascade,
    registry        text     not null check (registry in ('bigint', 'text', 'uuid')),
    table_name      regclass not null,
    primary key (content_type_id, registry)
);

comment on table polyref.integrity_target is
    'Polyref: target tables whose rows are mirrored into the object registry (registry = object id type).';

-- The enforced generic keys.
create table polyref.integrity_key (
    table_name regclass  not null,
    ct_column  name      not null,
    id_column  name      not null,
    registry   text      not null check (registry in ('bigint', 'text', 'uuid')),
    on_delete  text      not null check (on_delete in ('CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION')),
    any_target boolean   not null,
    targets    integer[] not null,
    fk_name    name      not null,
    check_name name      not null,
    primary key (table_name, ct_column, id_column)
);

comment on table polyref.integrity_key is
    'Polyref: generic keys enforced by a foreign key to the object registry. targets holds content type ids; '
    'any_target means "every compatible catalogued table when last enforced".';

create type polyref.integrity_report as (
    generic_key      text,     -- schema.table(ct_column, id_column)
    on_delete        text,
    targets          text[],   -- app_label.model of each allowed target
    backfilled       bigint,   -- registry rows added for target rows that existed before
    dangling         bigint,   -- referencing rows that point at a missing row
    type_not_allowed bigint,   -- referencing rows whose content type is not a target of the key
    incomplete       bigint,   -- referencing rows with exactly one of the two columns null
    sample           text[],   -- up to 10 violating rows, described
    validated        boolean   -- true: constraints VALID; false: NOT VALID (new rows are checked, old ones not)
);


-- The registry an object-id column type maps to: integer types -> bigint, text types -> text, uuid -> uuid.
create function polyref.integrity_registry_of(p_type regtype)
returns text
language sql
immutable
set search_path = pg_catalog, pg_temp
as $$
    select case
        when p_type in ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype) then 'bigint'
        when p_type in ('text'::regtype, 'character varying'::regtype) then 'text'
        when p_type = 'uuid'::regtype then 'uuid'
    end
$$;

-- Coercion: which primary-key types a registry accepts. A text key can point at integer, uuid and text keys
-- (by their text form); a bigint key only at integer keys; a uuid key only at uuid keys.
create function polyref.integrity_target_fits(p_pk_type regtype, p_registry text)
returns boolean
language sql
immutable
set search_path = pg_catalog, pg_temp
as $$
    select case p_registry
        when 'bigint' then polyref.integrity_registry_of(p_pk_type) = 'bigint'
        when 'uuid' then polyref.integrity_registry_of(p_pk_type) = 'uuid'
        when 'text' then polyref.integrity_registry_of(p_pk_type) is not null
        else false
    end
$$;

-- The single-column primary key of a table: no row if it has none or a composite one.
create function polyref.integrity_single_pk(p_table regclass)
returns table (column_name name, column_type regtype)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select a.attname, a.atttypid::regtype
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.conrelid = p_table and c.contype = 'p' and cardinality(c.conkey) = 1
$$;

-- The content type of a table (by its natural key), or null.
create function polyref.integrity_content_type_of(p_table regclass)
returns integer
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select ct.id
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join polyref.content_type ct on ct.app_label = n.nspname and ct.model = c.relname
    where c.oid = p_table
$$;

-- Raised by the CHECK of an enforced key, only when the content type is not allowed (the CHECK is
-- "ct = any (allowed) or polyref.integrity_type_not_allowed(...)"), so the error names the table, the columns,
-- the values and the allowed types instead of only the constraint. Few arguments keep the CHECK cheap to
-- prepare for each statement; the rest is read from polyref.integrity_key when raising. STRICT: a null content
-- type passes. Declared immutable as a CHECK needs; it reads the catalogue only to word the error.
create function polyref.integrity_type_not_allowed(
    p_table regclass, p_constraint name, p_content_type_id integer, p_object_id text
) returns boolean
language plpgsql
immutable strict
set search_path = pg_catalog, pg_temp
as $$
declare
    v_schema  name;
    v_table   name;
    v_key     polyref.integrity_key;
    v_type    text;
    v_allowed text;
begin
    select n.nspname, c.relname into v_schema, v_table
    from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = p_table;
    select * into v_key from polyref.integrity_key k where k.table_name = p_table and k.check_name = p_constraint;
    select ct.app_label || '.' || ct.model into v_type from polyref.content_type ct where ct.id = p_content_type_id;
    select string_agg(format('%s (%s)', coalesce(ct.app_label || '.' || ct.model, '?'), a.id), ', ' order by a.id)
    into v_allowed
    from unnest(v_key.targets) a (id) left join polyref.content_type ct on ct.id = a.id;
    raise exception 'content type % (%) is not allowed for generic key %(%, %) = (%, %); allowed: %',
            p_content_type_id, coalesce(v_type, 'unknown'), p_table, coalesce(v_key.ct_column, '?'),
            coalesce(v_key.id_column, '?'), p_content_type_id, coalesce(p_object_id, 'null'),
            coalesce(v_allowed, 'see constraint ' || p_constraint)
        using errcode = 'check_violation', schema = v_schema, table = v_table, column = v_key.ct_column,
              constraint = p_constraint;
end
$$;

-- (Re)generates the trigger function and triggers that mirror one target table into its registries, from
-- polyref.integrity_target; drops them when the target feeds no registry any more (or its table is gone).
-- The function is SECURITY DEFINER (writers of the target need no rights on the registry) and, to stay cheap,
-- has no SET clause: every name, type and operator in it is schema-qualified instead.
create function polyref.integrity_install_triggers(p_content_type_id integer)
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
    r          record;
begin
    for r in
        select t.registry, t.table_name
        from polyref.integrity_target t
        join pg_class c on c.oid = t.table_name
        where t.content_type_id = p_content_type_id
        order by t.registry
    loop
        v_table := r.table_name;
        select pk.column_name into v_pk from polyref.integrity_single_pk(v_table) pk;
        if v_pk is null then
            raise exception 'target table % has no single-column primary key any more', v_table
                using errcode = 'invalid_table_definition';
        end if;
        v_insert := v_insert || format(
            'insert into polyref.%I (content_type_id, object_id) select %s, %s from polyref_new n; ',
            'object_' || r.registry, p_content_type_id, polyref.integrity_registry_value(r.registry, 'n', v_pk));
        v_delete := v_delete || format(
            'delete from polyref.%I o using polyref_old d where o.content_type_id operator(pg_catalog.=) %s '
            'and o.object_id operator(pg_catalog.=) %s; ',
            'object_' || r.registry, p_content_type_id, polyref.integrity_registry_value(r.registry, 'd', v_pk));
        v_update := v_update || format(
            'update polyref.%I set object_id = %s where content_type_id operator(pg_catalog.=) %s '
            'and object_id operator(pg_catalog.=) %s; ',
            'object_' || r.registry, polyref.integrity_registry_value(r.registry, 'new', v_pk), p_content_type_id,
            polyref.integrity_registry_value(r.registry, 'old', v_pk));
        v_truncate := v_truncate || format(
            'delete from polyref.%I where content_type_id operator(pg_catalog.=) %s; ',
            'object_' || r.registry, p_content_type_id);
    end loop;

    if v_table is null then
        -- CASCADE also drops the triggers if the table still exists
        execute format('drop function if exists %s() cascade', v_function);
        return;
    end if;

    execute format($create$
        create or replace function %s() returns trigger
        language plpgsql
        security definer
        as $body$
        -- Generated by polyref.integrity_install_triggers for %s: mirrors its primary key into the registry.
        begin
            if tg_op operator(pg_catalog.=) 'INSERT' then %s
            elsif tg_op operator(pg_catalog.=) 'DELETE' then %s
            elsif tg_op operator(pg_catalog.=) 'UPDATE' then %s
            else %s
            end if;
            return null;
        end
        $body$
        $create$, v_function, v_table, v_insert, v_delete, v_update, v_truncate);
    execute format('comment on function %s() is %L', v_function,
        format('Polyref: keeps the object registry in step with %s (content type %s).', v_table, p_content_type_id));

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

-- The registry value of a target's key column, as a SQL expression on a row alias: pk::text for the text
-- registry, the key itself otherwise.
create function polyref.integrity_registry_value(p_registry text, p_alias text, p_column name)
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

-- Makes a table a target of a registry: installs its triggers, then backfills the registry from its rows.
-- Returns the number of registry rows added.
create function polyref.integrity_install_target(p_content_type_id integer, p_table regclass, p_registry text)
returns bigint
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_pk    name;
    v_added bigint;
begin
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
    select pk.column_name into v_pk from polyref.integrity_single_pk(p_table) pk;
    execute format('insert into polyref.%I (content_type_id, object_id) select %s, %s from %s t '
        'on conflict do nothing', 'object_' || p_registry, p_content_type_id,
        polyref.integrity_registry_value(p_registry, 't', v_pk), p_table);
    get diagnostics v_added = row_count;
    return v_added;
end
$$;

-- A target leaves a registry: its registry rows go (so the keys' ON DELETE actions apply: CASCADE deletes the
-- referencing rows, SET NULL clears them, RESTRICT and NO ACTION raise), then its triggers are regenerated.
create function polyref.integrity_target_removed()
returns trigger
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    r record;
begin
    delete from polyref.object_bigint o using polyref_old d
        where d.registry = 'bigint' and o.content_type_id = d.content_type_id;
    delete from polyref.object_text o using polyref_old d
        where d.registry = 'text' and o.content_type_id = d.content_type_id;
    delete from polyref.object_uuid o using polyref_old d
        where d.registry = 'uuid' and o.content_type_id = d.content_type_id;
    for r in select distinct content_type_id from polyref_old loop
        perform polyref.integrity_install_triggers(r.content_type_id);
    end loop;
    return null;
end
$$;

create trigger integrity_target_removed after delete on polyref.integrity_target
    referencing old table as polyref_old for each statement execute function polyref.integrity_target_removed();

-- Forgets keys whose table is gone, and removes targets whose table is gone (p_dropped: only among these
-- tables; p_unused: also targets that no enforced key allows any more). Removing a target deletes its registry
-- rows, so the keys' ON DELETE actions apply. An unused target stays while a key of its registry is NOT VALID:
-- that key's old rows of a type it no longer allows could still point at it. Returns the number removed.
create function polyref.integrity_forget_targets(p_unused boolean, p_dropped oid[] default null)
returns integer
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_removed integer;
begin
    delete from polyref.integrity_key k
    where not exists (select from pg_class c where c.oid = k.table_name)
      and (p_dropped is null or k.table_name::oid = any (p_dropped));
    delete from polyref.integrity_target t
    where (not exists (select from pg_class c where c.oid = t.table_name)
           and (p_dropped is null or t.table_name::oid = any (p_dropped)))
       or (p_unused
           and not exists (select from polyref.integrity_key k
                           where k.registry = t.registry and t.content_type_id = any (k.targets))
           and not exists (select from polyref.integrity_key k
                           join pg_constraint c on c.conrelid = k.table_name and c.conname = k.fk_name
                           where k.registry = t.registry and not c.convalidated));
    get diagnostics v_removed = row_count;
    return v_removed;
end
$$;

-- Rows of a referencing table that break a generic key: (content type, object id, problem) with problem one of
-- 'incomplete', 'type_not_allowed', 'dangling'. p_limit null: all of them.
create function polyref.integrity_violations(
    p_table regclass, p_ct_column name, p_id_column name, p_registry text, p_allowed integer[], p_limit integer
) returns table (content_type_id integer, object_id text, problem text)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    return query execute format(
        'select v.ct, v.id, v.problem from ('
        '  select r.%1$I::integer as ct, r.%2$I::text as id, case'
        '    when (r.%1$I is null) <> (r.%2$I is null) then ''incomplete'''
        '    when r.%1$I is null then null'
        '    when not (r.%1$I = any ($1)) then ''type_not_allowed'''
        '    when not exists (select from polyref.%3$I o'
        '                     where o.content_type_id = r.%1$I and o.object_id = r.%2$I) then ''dangling'''
        '  end as problem'
        '  from %4$s r) v '
        'where v.problem is not null limit $2',
        p_ct_column, p_id_column, 'object_' || p_registry, p_table)
    using p_allowed, p_limit;
end
$$;

-- The violations of an enforced key (for example after enforcing over existing data gave validated = false).
create function polyref.generic_key_violations(
    p_table regclass, p_ct_column text, p_id_column text, p_limit integer default 100
) returns table (content_type_id integer, object_id text, problem text)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    k polyref.integrity_key;
begin
    select * into k from polyref.integrity_key ik
    where ik.table_name = p_table and ik.ct_column = p_ct_column and ik.id_column = p_id_column;
    if not found then
        raise exception 'generic key %(%, %) is not enforced', p_table, p_ct_column, p_id_column
            using errcode = 'undefined_object';
    end if;
    return query select * from polyref.integrity_violations(
        p_table, k.ct_column, k.id_column, k.registry, k.targets, p_limit);
end
$$;

-- A constraint name for a key: polyref_fk_<ct>_<id> / polyref_ck_<ct>_<id>, hashed when too long.
create function polyref.integrity_constraint_name(p_prefix text, p_ct_column name, p_id_column name)
returns name
language sql
immutable
set search_path = pg_catalog, pg_temp
as $$
    select case
        when octet_length(p_prefix || '_' || p_ct_column || '_' || p_id_column) <= 63
            then p_prefix || '_' || p_ct_column || '_' || p_id_column
        else p_prefix || '_' || left(md5(p_ct_column || '/' || p_id_column), 20)
    end::name
$$;

-- Drops the named constraints of a table that exist.
create function polyref.integrity_drop_constraints(p_table regclass, variadic p_names name[])
returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_name name;
begin
    for v_name in select c.conname from pg_constraint c where c.conrelid = p_table and c.conname = any (p_names) loop
        execute format('alter table %s drop constraint %I', p_table, v_name);
    end loop;
end
$$;

-- Enforces a generic key (p_ct_column, p_id_column) of p_table:
--   * p_on_delete: what happens to referencing rows when a target row is deleted (by any DELETE, a TRUNCATE of
--     the target, a dropped target table, a deleted content type): CASCADE, SET NULL (both columns), RESTRICT
--     or NO ACTION (like RESTRICT, but deferrable with SET CONSTRAINTS);
--   * p_targets: the tables the key may point at; null = every catalogued table whose single-column primary
--     key fits the object-id type (call again after adding tables to include them).
-- Backfills the registry from the targets' existing rows, then checks the existing referencing rows: with none
-- violating, the constraints are created valid; otherwise they are created NOT VALID (every new or changed
-- row is checked, and the actions apply, from now on) and the report counts and samples the violations; fix
-- them and call again to validate. Idempotent. All or nothing: argument errors raise before any change.
-- Must run under READ COMMITTED (the backfill must see rows committed up to its lock).
create function polyref.enforce_generic_key(
    p_table     regclass,
    p_ct_column text,
    p_id_column text,
    p_on_delete text default 'CASCADE',
    p_targets   regclass[] default null
) returns polyref.integrity_report
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_on_delete  text := upper(btrim(regexp_replace(p_on_delete, '\s+', ' ', 'g')));
    v_ct_type    regtype;
    v_id_type    regtype;
    v_ct_notnull boolean;
    v_id_notnull boolean;
    v_registry   text;
    v_targets    integer[] := '{}';
    v_tables     regclass[] := '{}';
    v_names      text[];
    v_fk         name := polyref.integrity_constraint_name('polyref_fk', p_ct_column, p_id_column);
    v_check      name := polyref.integrity_constraint_name('polyref_ck', p_ct_column, p_id_column);
    v_old        polyref.integrity_key;
    v_same       boolean;
    v_valid      boolean;
    v_report     polyref.integrity_report;
    v_target     regclass;
    v_ct         integer;
    v_pk_type    regtype;
    i            integer;
begin
    if current_setting('transaction_isolation') <> 'read committed' then
        raise exception 'polyref.enforce_generic_key must run under READ COMMITTED, not %',
            upper(current_setting('transaction_isolation'))
            using errcode = 'invalid_transaction_state',
                  hint = 'its backfill must see every target row committed before its lock';
    end if;
    if v_on_delete is null or v_on_delete not in ('CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION') then
        raise exception 'unknown ON DELETE action ''%'' for generic key %(%, %): use CASCADE, SET NULL, RESTRICT or NO ACTION',
            p_on_delete, p_table, p_ct_column, p_id_column using errcode = 'invalid_parameter_value';
    end if;

    select a.atttypid::regtype, a.attnotnull into v_ct_type, v_ct_notnull
    from pg_attribute a where a.attrelid = p_table and a.attname = p_ct_column and a.attnum > 0 and not a.attisdropped;
    select a.atttypid::regtype, a.attnotnull into v_id_type, v_id_notnull
    from pg_attribute a where a.attrelid = p_table and a.attname = p_id_column and a.attnum > 0 and not a.attisdropped;
    if v_ct_type is null or v_id_type is null then
        raise exception 'table % has no column %', p_table, case when v_ct_type is null then p_ct_column else p_id_column end
            using errcode = 'undefined_column';
    end if;
    if v_ct_type not in ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype) then
        raise exception 'content type column %.% is %, not an integer type', p_table, p_ct_column, v_ct_type
            using errcode = 'datatype_mismatch';
    end if;
    v_registry := polyref.integrity_registry_of(v_id_type);
    if v_registry is null then
        raise exception 'object id column %.% is %; a generic key''s object id must be bigint, text or uuid',
            p_table, p_id_column, v_id_type using errcode = 'datatype_mismatch';
    end if;
    if v_on_delete = 'SET NULL' and (v_ct_notnull or v_id_notnull) then
        raise exception 'generic key %(%, %) cannot be ON DELETE SET NULL: column % is NOT NULL',
            p_table, p_ct_column, p_id_column, case when v_ct_notnull then p_ct_column else p_id_column end
            using errcode = 'invalid_table_definition';
    end if;

    -- The targets: as given (each must fit), or every catalogued table that fits
    if p_targets is null then
        select coalesce(array_agg(ct.id order by ct.id), '{}'), coalesce(array_agg(c.oid::regclass order by ct.id), '{}')
        into v_targets, v_tables
        from polyref.content_type ct
        join pg_namespace n on n.nspname = ct.app_label
        join pg_class c on c.relnamespace = n.oid and c.relname = ct.model and c.relkind in ('r', 'p')
        cross join lateral polyref.integrity_single_pk(c.oid) pk
        where polyref.integrity_target_fits(pk.column_type, v_registry);
        if cardinality(v_targets) = 0 then
            raise exception 'no catalogued table has a primary key that generic key %(%, %) of type % can point at',
                p_table, p_ct_column, p_id_column, v_id_type using errcode = 'invalid_parameter_value';
        end if;
    else
        if cardinality(p_targets) = 0 then
            raise exception 'generic key %(%, %) needs at least one target table (null: every compatible table)',
                p_table, p_ct_column, p_id_column using errcode = 'invalid_parameter_value';
        end if;
        foreach v_target in array p_targets loop
            v_ct := polyref.integrity_content_type_of(v_target);
            if v_ct is null then
                raise exception 'target table % has no content type; sync the catalogue first', v_target
                    using errcode = 'invalid_parameter_value';
            end if;
            v_pk_type := (select pk.column_type from polyref.integrity_single_pk(v_target) pk);
            if v_pk_type is null then
                raise exception 'target table % has no single-column primary key', v_target
                    using errcode = 'invalid_parameter_value';
            end if;
            if not polyref.integrity_target_fits(v_pk_type, v_registry) then
                raise exception 'generic key %(%, %) of type % cannot point at table % whose primary key is %',
                    p_table, p_ct_column, p_id_column, v_id_type, v_target, v_pk_type
                    using errcode = 'datatype_mismatch';
            end if;
            if not v_ct = any (v_targets) then
                v_targets := v_targets || v_ct;
                v_tables := v_tables || v_target;
            end if;
        end loop;
    end if;

    -- In content-type order, so enforcing again with the same tables in another order changes nothing
    select array_agg(u.ct order by u.ct), array_agg(u.tbl order by u.ct) into v_targets, v_tables
    from unnest(v_targets, v_tables) as u (ct, tbl);

    -- From here on nothing can fail on the arguments: make the change
    execute format('lock table %s in share row exclusive mode', p_table);
    v_report.backfilled := 0;
    for i in 1 .. cardinality(v_targets) loop
        v_report.backfilled := v_report.backfilled
            + polyref.integrity_install_target(v_targets[i], v_tables[i], v_registry);
    end loop;

    select count(*) filter (where v.problem = 'dangling'),
           count(*) filter (where v.problem = 'type_not_allowed'),
           count(*) filter (where v.problem = 'incomplete')
    into v_report.dangling, v_report.type_not_allowed, v_report.incomplete
    from polyref.integrity_violations(p_table, p_ct_column, p_id_column, v_registry, v_targets, null) v;
    v_valid := v_report.dangling + v_report.type_not_allowed + v_report.incomplete = 0;
    if not v_valid then
        select array_agg(format('(%s, %s): %s', coalesce(v.content_type_id::text, 'null'),
                                coalesce(v.object_id, 'null'), v.problem))
        into v_report.sample
        from polyref.integrity_violations(p_table, p_ct_column, p_id_column, v_registry, v_targets, 10) v;
    end if;

    select * into v_old from polyref.integrity_key k
    where k.table_name = p_table and k.ct_column = p_ct_column and k.id_column = p_id_column;
    v_same := found and v_old.on_delete = v_on_delete and v_old.targets = v_targets
        and exists (select from pg_constraint c where c.conrelid = p_table and c.conname = v_fk)
        and exists (select from pg_constraint c where c.conrelid = p_table and c.conname = v_check);
    if v_same then
        if v_valid then
            execute format('alter table %s validate constraint %I', p_table, v_fk);
            execute format('alter table %s validate constraint %I', p_table, v_check);
        end if;
    else
        perform polyref.integrity_drop_constraints(p_table, v_fk, v_check);
        -- MATCH FULL: both columns set or both null. ON UPDATE CASCADE: keys follow a target's changed key.
        -- NO ACTION is made deferrable (SET CONSTRAINTS ... DEFERRED), the one way it differs from RESTRICT.
        execute format('alter table %s add constraint %I foreign key (%I, %I) references polyref.%I '
            '(content_type_id, object_id) match full on delete %s on update cascade%s%s',
            p_table, v_fk, p_ct_column, p_id_column, 'object_' || v_registry, v_on_delete,
            case when v_on_delete = 'NO ACTION' then ' deferrable initially immediate' else '' end,
            case when v_valid then '' else ' not valid' end);
        execute format('alter table %s add constraint %I check (%I operator(pg_catalog.=) any (%L::integer[]) '
            'or polyref.integrity_type_not_allowed(%L::regclass, %L, %I::integer, %I::text))%s',
            p_table, v_check, p_ct_column, v_targets, p_table, v_check, p_ct_column, p_id_column,
            case when v_valid then '' else ' not valid' end);
    end if;

    insert into polyref.integrity_key as k
        (table_name, ct_column, id_column, registry, on_delete, any_target, targets, fk_name, check_name)
    values (p_table, p_ct_column, p_id_column, v_registry, v_on_delete, p_targets is null, v_targets, v_fk, v_check)
    on conflict (table_name, ct_column, id_column) do update
        set registry = excluded.registry, on_delete = excluded.on_delete, any_target = excluded.any_target,
            targets = excluded.targets, fk_name = excluded.fk_name, check_name = excluded.check_name;
    -- Tables this key no longer allows, and no other key needs, stop being mirrored
    perform polyref.integrity_forget_targets(true);

    select array_agg(ct.app_label || '.' || ct.model order by ct.app_label, ct.model) into v_names
    from polyref.content_type ct where ct.id = any (v_targets);
    v_report.generic_key := format('%s(%I, %I)', p_table, p_ct_column, p_id_column);
    v_report.on_delete := v_on_delete;
    v_report.targets := v_names;
    v_report.sample := coalesce(v_report.sample, '{}');
    v_report.validated := v_valid;
    return v_report;
end
$$;

comment on function polyref.enforce_generic_key(regclass, text, text, text, regclass[]) is
    'Polyref: enforces a generic key with a foreign key to the object registry; backfills and reports violations.';

-- Stops enforcing a generic key: drops its constraints and the targets no other key needs. Returns whether it
-- was enforced. Referencing rows are left as they are.
create function polyref.unenforce_generic_key(p_table regclass, p_ct_column text, p_id_column text)
returns boolean
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    k polyref.integrity_key;
begin
    delete from polyref.integrity_key ik
    where ik.table_name = p_table and ik.ct_column = p_ct_column and ik.id_column = p_id_column
    returning * into k;
    if not found then
        return false;
    end if;
    perform polyref.integrity_drop_constraints(p_table, k.fk_name, k.check_name);
    perform polyref.integrity_forget_targets(true);
    return true;
end
$$;

comment on function polyref.unenforce_generic_key(regclass, text, text) is
    'Polyref: stops enforcing a generic key (drops its constraints); returns whether it was enforced.';

-- What is wrong with the integrity machinery, if anything: one row per problem, with how to fix it.
--   drop_guard_missing: no event trigger applies ON DELETE actions when a target table is dropped (creating it
--                       needs a superuser); run polyref.integrity_repair() after dropping a target table;
--   dropped_target:     a target table is gone but its registry rows remain, so references to its rows look
--                       valid; polyref.integrity_repair() removes them, applying every key's ON DELETE action;
--   key_not_enforced:   an enforced key lost its constraints (dropped by hand, or its table is gone);
--   key_not_valid:      an enforced key still has violating rows from before it was enforced.
create function polyref.integrity_check()
returns table (problem text, detail text)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select p.problem, p.detail from (
    select 'drop_guard_missing' as problem, 0 as sort,
           'no enabled event trigger polyref_integrity_on_drop: dropping a target table does not apply ON DELETE '
           'actions; a superuser can run: create event trigger polyref_integrity_on_drop on sql_drop '
           'execute function polyref.integrity_on_drop(); otherwise run select polyref.integrity_repair() after '
           'dropping a target table' as detail
    where exists (select from polyref.integrity_key)
      and not exists (select from pg_event_trigger e where e.evtname = 'polyref_integrity_on_drop' and e.evtenabled <> 'D')
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
           format('generic key %s(%I, %I): %s', k.table_name, k.ct_column, k.id_column,
                  case when not exists (select from pg_class c where c.oid = k.table_name) then 'its table is gone'
                       else 'constraint ' || k.fk_name || ' or ' || k.check_name || ' is missing' end)
    from polyref.integrity_key k
    where not exists (select from pg_constraint c where c.conrelid = k.table_name and c.conname = k.fk_name)
       or not exists (select from pg_constraint c where c.conrelid = k.table_name and c.conname = k.check_name)
    union all
    select 'key_not_valid', 0,
           format('generic key %s(%I, %I) has NOT VALID constraints: see polyref.generic_key_violations(%L, %L, %L), '
                  'fix the rows, then call polyref.enforce_generic_key again', k.table_name, k.ct_column, k.id_column,
                  k.table_name, k.ct_column, k.id_column)
    from polyref.integrity_key k
    where exists (select from pg_constraint c
                  where c.conrelid = k.table_name and c.conname in (k.fk_name, k.check_name) and not c.convalidated)
    ) p
    order by p.problem, p.sort, p.detail
$$;

-- Repairs what a dropped target table (without the event trigger) left behind: removes the registry rows of
-- targets whose table is gone, so every key's ON DELETE action applies (RESTRICT raises: delete the referencing
-- rows first), and forgets keys whose table is gone. Returns the number of targets removed.
create function polyref.integrity_repair()
returns integer
language sql
volatile
set search_path = pg_catalog, pg_temp
as $$
    select polyref.integrity_forget_targets(false)
$$;

-- Dropping a target table removes it from the registry (ON DELETE actions apply, RESTRICT blocks the DROP);
-- dropping a referencing table forgets its keys. Only the tables this command dropped are looked at.
create function polyref.integrity_on_drop()
returns event_trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    v_dropped oid[];
begin
    select array_agg(d.objid) into v_dropped
    from pg_event_trigger_dropped_objects() d where d.object_type = 'table';
    if v_dropped is not null
       and (exists (select from polyref.integrity_target) or exists (select from polyref.integrity_key)) then
        perform polyref.integrity_forget_targets(false, v_dropped);
    end if;
end
$$;

do $$
begin
    if (select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user) then
        create event trigger polyref_integrity_on_drop on sql_drop execute function polyref.integrity_on_drop();
    else
        raise notice 'Polyref: not a superuser, so no event trigger applies ON DELETE actions when a target table '
            'is dropped; run select polyref.integrity_repair() after dropping one (see polyref.integrity_check())';
    end if;
end
$$;
