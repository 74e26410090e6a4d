-- Polyref: enforcing declared generic keys with PostgreSQL's own referential integrity (docs/integrity.md).
-- Public API: enforce_generic_key, unenforce_generic_key, generic_key_violations, integrity_type_not_allowed
-- (called by the CHECK of an enforced key); read-only helpers integrity_require_installer, integrity_violations.
-- Internal: everything else here. polyref.integrity_enforce reads top-down: check the key, resolve its targets,
-- lock, backfill, count violations, write the constraints, book-keep.
--
-- An enforced key is two constraints on its table: a foreign key (ct, id) -> polyref.object_<kind> MATCH FULL
-- ON DELETE <action> ON UPDATE CASCADE, and a CHECK that the content type is one of the key's targets.


-- ENTRY POINTS ----------------------------------------------------------------------------------------------------

-- Enforces a declared key, exactly as declared (targets, ON DELETE action), and records enforced = true:
--   select * from polyref.enforce_generic_key('app.activity', 'target');
-- Backfills the registry from the targets' existing rows, then checks the existing referencing rows: with none
-- violating, the constraints are created valid; otherwise NOT VALID (every new or changed row is checked, and the
-- actions apply, from now on) and the report counts and samples the violations; fix them and call again to
-- validate. Idempotent. All or nothing. Must run under READ COMMITTED (the backfill must see rows committed up
-- to its lock), as the role that installed Polyref or a superuser.
drop function if exists polyref.enforce_generic_key(regclass, text, text, text, regclass[]);
create or replace function polyref.enforce_generic_key(p_table regclass, p_name text)
returns polyref.integrity_report
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_key polyref.generic_key;
begin
    perform polyref.integrity_require_installer('polyref.enforce_generic_key');
    v_key := polyref.integrity_key_of(p_table, p_name);
    update polyref.generic_key gk set enforced = true where gk.id = v_key.id returning * into v_key;
    return polyref.integrity_enforce(v_key);
end
$$;

comment on function polyref.enforce_generic_key(regclass, text) is
    'Polyref API: enforces a declared generic key (its targets and ON DELETE action) with a foreign key to the '
    'object registry; backfills and reports violations. Run by the role that installed Polyref, or a superuser.';


-- Stops enforcing a key: drops its constraints (only its own) and the targets no other key needs, and records
-- enforced = false. Returns whether it was enforced. Referencing rows are left as they are.
drop function if exists polyref.unenforce_generic_key(regclass, text, text);
create or replace function polyref.unenforce_generic_key(p_table regclass, p_name text)
returns boolean
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_key polyref.generic_key;
begin
    perform polyref.integrity_require_installer('polyref.unenforce_generic_key');
    v_key := polyref.integrity_key_of(p_table, p_name);
    if not v_key.enforced then
        return false;
    end if;
    update polyref.generic_key gk set enforced = false where gk.id = v_key.id;
    perform polyref.integrity_unenforce(v_key);
    return true;
end
$$;

comment on function polyref.unenforce_generic_key(regclass, text) is
    'Polyref API: stops enforcing a generic key (drops its constraints); returns whether it was enforced. Run by '
    'the role that installed Polyref, or a superuser.';


-- The rows of an enforced key that violate it (for example after enforcing over existing data gave
-- validated = false), read with the caller's rights.
drop function if exists polyref.generic_key_violations(regclass, text, text, integer);
create or replace function polyref.generic_key_violations(p_table regclass, p_name text, p_limit integer default 100)
returns table (content_type_id integer, object_id text, problem text)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_key polyref.generic_key := polyref.integrity_key_of(p_table, p_name);
begin
    if not v_key.enforced then
        raise exception 'generic key % on % is not enforced', p_name, p_table using errcode = 'undefined_object';
    end if;
    return query select * from polyref.integrity_violations(p_table, v_key.ct_column, v_key.id_column,
        v_key.id_type, polyref.integrity_allowed(v_key), p_limit);
end
$$;

comment on function polyref.generic_key_violations(regclass, text, integer) is
    'Polyref API: the rows of an enforced generic key that violate it.';


-- Raises insufficient_privilege with a clear message when the caller may not run Polyref's internal functions
-- (see docs/security.md: enforcing is for the role that installed Polyref, or a superuser).
create or replace function polyref.integrity_require_installer(p_function text)
returns void
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
begin
    if not has_function_privilege('polyref.integrity_install_triggers(integer)', 'execute') then
        raise exception '%: role % may not run Polyref''s internal functions; run it as the role that installed '
            'Polyref (the owner of its tables) or a superuser', p_function, current_user
            using errcode = 'insufficient_privilege';
    end if;
end
$$;

comment on function polyref.integrity_require_installer(text) is
    'Polyref API (read-only helper): raises unless the caller may run Polyref''s internal functions.';


-- THE STEPS OF ENFORCING ------------------------------------------------------------------------------------------

-- The declared key (p_table, p_name), or undefined_object (42704).
create or replace function polyref.integrity_key_of(p_table regclass, p_name text)
returns polyref.generic_key
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_key polyref.generic_key;
begin
    select * into v_key from polyref.generic_key gk where gk.table_name = p_table and gk.name = p_name;
    if not found then
        raise exception 'no generic key % is declared on % (polyref.declare_generic_key)', p_name, p_table
            using errcode = 'undefined_object';
    end if;
    return v_key;
end
$$;

revoke execute on function polyref.integrity_key_of(regclass, text) from public;
comment on function polyref.integrity_key_of(regclass, text) is 'Polyref internal: a declared key, or raises.';


-- Enforces a declared key as declared; see polyref.enforce_generic_key.
create or replace function polyref.integrity_enforce(p_key polyref.generic_key)
returns polyref.integrity_report
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_registry text := polyref.integrity_check_key(p_key);
    v_targets  integer[];
    v_tables   regclass[];
    v_backfilled bigint;
    v_report   polyref.integrity_report;
begin
    select array_agg(t.content_type_id order by t.content_type_id), array_agg(t.target order by t.content_type_id)
    into v_targets, v_tables
    from polyref.integrity_resolve_targets(p_key, v_registry) t;
    -- On a Citus coordinator, keys that touch a distributed or reference table are refused (R__08_citus.sql)
    perform polyref.citus_require_enforceable(p_key, v_tables);

    -- From here on nothing can fail on the declaration: make the change
    execute format('lock table %s in share row exclusive mode', p_key.table_name);
    v_backfilled := polyref.integrity_backfill(v_targets, v_tables, v_registry);
    v_report := polyref.integrity_count_violations(p_key, v_registry, v_targets, v_backfilled);
    perform polyref.integrity_apply_constraints(p_key, v_registry, v_targets, v_report.validated);
    -- Tables this key no longer allows, and no other key needs, stop being mirrored
    perform polyref.integrity_forget_targets(true);
    return v_report;
end
$$;

revoke execute on function polyref.integrity_enforce(polyref.generic_key) from public;
comment on function polyref.integrity_enforce(polyref.generic_key) is
    'Polyref internal: enforces a declared key as declared (check, resolve, lock, backfill, count, constraints).';


-- Step 1: whether the key can be enforced now (READ COMMITTED, columns still of a kind the rule takes, SET NULL
-- on nullable columns); returns its registry.
create or replace function polyref.integrity_check_key(p_key polyref.generic_key)
returns text
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_problem text := polyref.generic_key_problem(p_key.table_name, p_key.name, p_key.ct_column, p_key.id_column);
    v_column  name;
begin
    if current_setting('transaction_isolation') <> 'read committed' then
        raise exception 'polyref.enforce_generic_key must run under READ COMMITTED, not %',
            upper(current_setting('transaction_isolation'))
            using errcode = 'invalid_transaction_state',
                  hint = 'its backfill must see every target row committed before its lock';
    end if;
    if v_problem is not null then
        raise exception '%', v_problem using errcode = 'invalid_object_definition';
    end if;
    select a.attname into v_column from pg_attribute a
    where p_key.on_delete = 'set null' and a.attrelid = p_key.table_name
      and a.attname in (p_key.ct_column, p_key.id_column) and a.attnotnull
    limit 1;
    if found then
        raise exception 'generic key % on %(%, %) cannot be ON DELETE SET NULL: column % is NOT NULL', p_key.name,
            p_key.table_name, quote_ident(p_key.ct_column), quote_ident(p_key.id_column), quote_ident(v_column)
            using errcode = 'invalid_object_definition';
    end if;
    return polyref.object_id_registry(null, polyref.column_type_of(p_key.table_name, p_key.id_column), null);
end
$$;

revoke execute on function polyref.integrity_check_key(polyref.generic_key) from public;
comment on function polyref.integrity_check_key(polyref.generic_key) is
    'Polyref internal: whether a declared key can be enforced now; returns its registry.';


-- Step 2: the tables the key points at, with their content types: its allowed targets (each must exist and have
-- a key the object id holds), or, declared without targets, every catalogued table whose key it holds.
create or replace function polyref.integrity_resolve_targets(p_key polyref.generic_key, p_registry text)
returns table (content_type_id integer, target regclass)
language plpgsql
stable
set search_path = pg_catalog, pg_temp
as $$
declare
    v_id_type text := polyref.column_type_of(p_key.table_name, p_key.id_column);
    r         record;
begin
    for r in
        select ct.id, ct.app_label, ct.model, t.rel, pk.column_type
        from polyref.generic_key_target gt
        join polyref.content_type ct on ct.id = gt.content_type_id
        -- a proxy's rows are its base table's (issue 12)
        cross join lateral polyref.concrete_table_of_content_type(ct.id) t (rel)
        left join lateral polyref.primary_key_of(t.rel) pk on true
        where gt.generic_key_id = p_key.id
        order by ct.id
    loop
        if r.rel is null then
            raise exception 'generic key % on %: target table %.% does not exist', p_key.name, p_key.table_name,
                quote_ident(r.app_label), quote_ident(r.model) using errcode = 'undefined_table';
        end if;
        if r.column_type is null then
            raise exception 'target table % has no single-column primary key', r.rel
                using errcode = 'invalid_object_definition';
        end if;
        if polyref.object_id_registry(null, v_id_type, r.column_type) is null then
            raise exception 'generic key % on %(%, %) of type % cannot point at table % whose primary key is %',
                p_key.name, p_key.table_name, quote_ident(p_key.ct_column), quote_ident(p_key.id_column),
                v_id_type, r.rel, r.column_type using errcode = 'invalid_object_definition';
        end if;
        content_type_id := r.id;
        target := r.rel;
        return next;
    end loop;
    if found then
        return;
    end if;
    -- A key that stores a proxy's own content type (for_concrete_model = false) also points at every proxy
    return query
        select ct.id, t.rel
        from polyref.content_type ct
        cross join lateral polyref.concrete_table_of_content_type(ct.id) t (rel)
        cross join lateral polyref.primary_key_of(t.rel) pk
        where polyref.object_id_registry(null, v_id_type, pk.column_type) is not null
          and (ct.proxy_for is null or not p_key.for_concrete_model)
        order by ct.id;
    if not found then
        raise exception 'no catalogued table has a primary key that generic key % on % (%) can point at',
            p_key.name, p_key.table_name, p_registry using errcode = 'invalid_object_definition';
    end if;
end
$$;

revoke execute on function polyref.integrity_resolve_targets(polyref.generic_key, text) from public;
comment on function polyref.integrity_resolve_targets(polyref.generic_key, text) is
    'Polyref internal: the target tables of a key (its allowed targets, or every table it can hold).';


-- Step 3: every target mirrored into the registry (triggers installed, existing rows copied); returns the number
-- of registry rows added.
create or replace function polyref.integrity_backfill(p_targets integer[], p_tables regclass[], p_registry text)
returns bigint
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_added bigint := 0;
begin
    for i in 1 .. cardinality(p_targets) loop
        v_added := v_added + polyref.integrity_install_target(p_targets[i], p_tables[i], p_registry);
    end loop;
    return v_added;
end
$$;

revoke execute on function polyref.integrity_backfill(integer[], regclass[], text) from public;
comment on function polyref.integrity_backfill(integer[], regclass[], text) is
    'Polyref internal: mirrors the targets of a key into the registry; returns the rows added.';


-- Step 4: the report: what was backfilled, and the existing rows that violate the key (counted and sampled).
create or replace function polyref.integrity_count_violations(
    p_key polyref.generic_key, p_registry text, p_targets integer[], p_backfilled bigint
) returns polyref.integrity_report
language plpgsql
volatile  -- reads the registry rows the backfill just wrote: a snapshot of its own
set search_path = pg_catalog, pg_temp
as $$
declare
    v_report polyref.integrity_report;
begin
    v_report.generic_key := format('%s(%I, %I)', p_key.table_name, p_key.ct_column, p_key.id_column);
    v_report.on_delete := upper(p_key.on_delete);
    v_report.targets := array(select ct.app_label || '.' || ct.model from polyref.content_type ct
                              where ct.id = any (p_targets) order by ct.app_label, ct.model);
    v_report.backfilled := p_backfilled;
    select count(*) filter (where v.problem = 'dangling'),
           count(*) filter (where v.problem = 'type_not_allowed'),
           count(*) filter (where v.problem = 'incomplete')
    into v_report.dangling, v_report.type_not_allowed, v_report.incomplete
    from polyref.integrity_violations(p_key.table_name, p_key.ct_column, p_key.id_column, p_registry, p_targets,
                                      null) v;
    v_report.sample := array(
        select format('(%s, %s): %s', coalesce(v.content_type_id::text, 'null'), coalesce(v.object_id, 'null'),
                      v.problem)
        from polyref.integrity_violations(p_key.table_name, p_key.ct_column, p_key.id_column, p_registry,
                                          p_targets, 10) v);
    v_report.validated := v_report.dangling + v_report.type_not_allowed + v_report.incomplete = 0;
    return v_report;
end
$$;

revoke execute on function polyref.integrity_count_violations(polyref.generic_key, text, integer[], bigint)
    from public;
comment on function polyref.integrity_count_violations(polyref.generic_key, text, integer[], bigint) is
    'Polyref internal: the enforcement report of a key (backfilled rows, violations counted and sampled).';


-- Step 5: the key's two constraints as declared. One that already says the same (same registry and action; same
-- targets) is kept, and validated when the rows allow it; another is dropped (only this key's own, by name and
-- columns) and created again, NOT VALID when rows violate the key.
create or replace function polyref.integrity_apply_constraints(
    p_key polyref.generic_key, p_registry text, p_targets integer[], p_valid boolean
) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_fk    name := polyref.integrity_constraint_name('polyref_fk', p_key.ct_column, p_key.id_column);
    v_check name := polyref.integrity_constraint_name('polyref_ck', p_key.ct_column, p_key.id_column);
begin
    if exists (select from pg_constraint c
               where c.conrelid = p_key.table_name and c.conname = v_fk and c.contype = 'f'
                 and c.confrelid = format('polyref.%I', 'object_' || p_registry)::regclass
                 and c.confdeltype = case p_key.on_delete when 'cascade' then 'c' when 'set null' then 'n'
                                                          when 'restrict' then 'r' else 'a' end) then
        if p_valid then
            perform polyref.integrity_try_validate(p_key.table_name, v_fk);
        end if;
    else
        perform polyref.integrity_drop_key_constraints(p_key.table_name, p_key.ct_column, p_key.id_column, v_fk);
        perform polyref.integrity_add_foreign_key(p_key.table_name, p_key.ct_column, p_key.id_column, p_registry,
                                                  upper(p_key.on_delete), v_fk, p_valid);
    end if;
    if exists (select from pg_constraint c
               where c.conrelid = p_key.table_name and c.conname = v_check and c.contype = 'c'
                 and position(quote_literal(p_targets::text) in pg_get_constraintdef(c.oid)) > 0) then
        if p_valid then
            perform polyref.integrity_try_validate(p_key.table_name, v_check);
        end if;
    else
        perform polyref.integrity_drop_key_constraints(p_key.table_name, p_key.ct_column, p_key.id_column, v_check);
        perform polyref.integrity_add_check(p_key.table_name, p_key.ct_column, p_key.id_column, p_targets, v_check,
                                            p_valid);
    end if;
end
$$;

revoke execute on function polyref.integrity_apply_constraints(polyref.generic_key, text, integer[], boolean)
    from public;
comment on function polyref.integrity_apply_constraints(polyref.generic_key, text, integer[], boolean) is
    'Polyref internal: makes the two constraints of an enforced key say what the declaration says.';


-- Drops the constraints of a key that is no longer enforced (or no longer on these columns), and the targets
-- no other key needs.
create or replace function polyref.integrity_unenforce(p_key polyref.generic_key)
returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
    perform polyref.integrity_drop_key_constraints(p_key.table_name, p_key.ct_column, p_key.id_column,
        polyref.integrity_constraint_name('polyref_fk', p_key.ct_column, p_key.id_column),
        polyref.integrity_constraint_name('polyref_ck', p_key.ct_column, p_key.id_column));
    perform polyref.integrity_forget_targets(true);
end
$$;

revoke execute on function polyref.integrity_unenforce(polyref.generic_key) from public;
comment on function polyref.integrity_unenforce(polyref.generic_key) is
    'Polyref internal: drops the constraints of a key and the targets no other key needs.';


-- The content types an enforced key's CHECK allows: its declared targets, or (declared without targets) every
-- target of its registry (proxies only for a key storing their own content type, for_concrete_model = false).
create or replace function polyref.integrity_allowed(p_key polyref.generic_key)
returns integer[]
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select coalesce(
        (select array_agg(gt.content_type_id order by gt.content_type_id)
         from polyref.generic_key_target gt where gt.generic_key_id = p_key.id),
        (select array_agg(t.content_type_id order by t.content_type_id)
         from polyref.integrity_target t
         where t.registry = p_key.id_type
           and (not p_key.for_concrete_model
                or not exists (select from polyref.content_type ct
                               where ct.id = t.content_type_id and ct.proxy_for is not null))),
        '{}')
$$;

comment on function polyref.integrity_allowed(polyref.generic_key) is
    'Polyref API (read-only helper): the content types an enforced key allows.';


-- CONSTRAINTS -----------------------------------------------------------------------------------------------------

-- Constraint names: unique and stable per key, whatever the column names: a readable part (lower-case letters,
-- digits and '_' only, so the byte length is known) and a hash of the quoted column pair, within 63 bytes:
-- polyref_fk_ct_oid_1b2c3d4e.
create or replace function polyref.integrity_constraint_name(p_prefix text, p_ct_column name, p_id_column name)
returns name
language sql
immutable
set search_path = pg_catalog, pg_temp
as $$
    select (p_prefix || '_'
            || left(regexp_replace(lower(p_ct_column || '_' || p_id_column), '[^a-z0-9_]', '_', 'g'),
                    63 - octet_length(p_prefix) - 10)
            || '_' || left(md5(quote_ident(p_ct_column) || ',' || quote_ident(p_id_column)), 8))::name
$$;

comment on function polyref.integrity_constraint_name(text, name, name) is
    'Polyref API (read-only helper): the per-key constraint name (readable part and hash of the column pair).';

-- Whether a constraint is over exactly the two columns of a key (its conkey, in any order).
create or replace function polyref.integrity_constraint_is_keys(p_constraint oid, p_ct_column name, p_id_column name)
returns boolean
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select (select array_agg(k order by k) from pg_constraint c, unnest(c.conkey) k where c.oid = p_constraint)
         = (select array_agg(a.attnum order by a.attnum)
            from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid
            where c.oid = p_constraint and a.attname in (p_ct_column, p_id_column))
$$;

revoke execute on function polyref.integrity_constraint_is_keys(oid, name, name) from public;
comment on function polyref.integrity_constraint_is_keys(oid, name, name) is
    'Polyref internal: whether a constraint is over exactly the two columns of a key.';

-- Drops those of the named constraints of a table that belong to the key on (p_ct_column, p_id_column): a
-- foreign key or CHECK over exactly these two columns. Another key's constraint of the same name is left alone.
create or replace function polyref.integrity_drop_key_constraints(
    p_table regclass, p_ct_column name, p_id_column name, variadic p_names name[]
) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    v_name name;
begin
    for v_name in
        select c.conname from pg_constraint c
        where c.conrelid = p_table and c.conname = any (p_names) and c.contype in ('f', 'c')
          and polyref.integrity_constraint_is_keys(c.oid, p_ct_column, p_id_column)
    loop
        execute format('alter table %s drop constraint %I', p_table, v_name);
    end loop;
end
$$;

revoke execute on function polyref.integrity_drop_key_constraints(regclass, name, name, name[]) from public;
comment on function polyref.integrity_drop_key_constraints(regclass, name, name, name[]) is
    'Polyref internal: drops the named constraints that belong to one key.';

-- The foreign key of an enforced key, valid, or NOT VALID when existing rows violate it (checked from now on).
-- MATCH FULL: both columns set or both null. ON UPDATE CASCADE: keys follow a target's changed key.
-- NO ACTION is made deferrable (SET CONSTRAINTS ... DEFERRED), the one way it differs from RESTRICT.
create or replace function polyref.integrity_add_foreign_key(
    p_table regclass, p_ct_column name, p_id_column name, p_registry text, p_on_delete text, p_name name,
    p_valid boolean
) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
    if p_on_delete not in ('CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION') then
        raise exception 'unknown ON DELETE action %', p_on_delete using errcode = 'invalid_parameter_value';
    end if;
    execute format('alter table %s add constraint %I foreign key (%I, %I) references polyref.%I '
        '(content_type_id, object_id) match full on delete %s on update cascade%s%s',
        p_table, p_name, p_ct_column, p_id_column, 'object_' || p_registry, p_on_delete,
        case when p_on_delete = 'NO ACTION' then ' deferrable initially immediate' else '' end,
        case when p_valid then '' else ' not valid' end);
end
$$;

revoke execute on function polyref.integrity_add_foreign_key(regclass, name, name, text, text, name, boolean) from public;
comment on function polyref.integrity_add_foreign_key(regclass, name, name, text, text, name, boolean) is
    'Polyref internal: adds the foreign key of an enforced key.';

-- The CHECK names itself (p_name) to polyref.integrity_type_not_allowed, which finds the key by it. The table is
-- passed by oid, so no name of it is in the expression's source.
create or replace function polyref.integrity_add_check(
    p_table regclass, p_ct_column name, p_id_column name, p_targets integer[], p_name name, p_valid boolean
) returns void
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
    execute format('alter table %s add constraint %I check (%I operator(pg_catalog.=) any (%L::pg_catalog.int4[]) '
        'or polyref.integrity_type_not_allowed(%L::pg_catalog.regclass, %L, %I::pg_catalog.int4, %I::pg_catalog.text))%s',
        p_table, p_name, p_ct_column, p_targets, p_table::oid, p_name, p_ct_column, p_id_column,
        case when p_valid then '' else ' not valid' end);
end
$$;

revoke execute on function polyref.integrity_add_check(regclass, name, name, integer[], name, boolean) from public;
comment on function polyref.integrity_add_check(regclass, name, name, integer[], name, boolean) is
    'Polyref internal: adds the CHECK of an enforced key.';

-- Validates a NOT VALID constraint if the rows allow it; otherwise it stays NOT VALID (integrity_check says so).
create or replace function polyref.integrity_try_validate(p_table regclass, p_name name)
returns boolean
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
begin
    execute format('alter table %s validate constraint %I', p_table, p_name);
    return true;
exception when foreign_key_violation or check_violation then
    return false;
end
$$;

revoke execute on function polyref.integrity_try_validate(regclass, name) from public;
comment on function polyref.integrity_try_validate(regclass, name) is
    'Polyref internal: validates a constraint if the rows allow it.';

-- Rows of a referencing table that break a generic key: (content type, object id, problem) with problem one of
-- 'incomplete', 'type_not_allowed', 'dangling'. p_limit null: all of them. Runs with the caller's rights.
create or replace function polyref.integrity_violations(
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

comment on function polyref.integrity_violations(regclass, name, name, text, integer[], integer) is
    'Polyref API (read-only helper): rows of a table that break a generic key (read with the caller''s rights).';

-- Raised by the CHECK of an enforced key ("ct = any (targets) or polyref.integrity_type_not_allowed(...)") when
-- the content type is not allowed, so the error names the table, the columns, the values and the allowed types.
-- Writers call it through that CHECK without needing any right on polyref: when they cannot read polyref's
-- tables the message says less (no column names, no allowed types) but it is still the check violation (23514)
-- naming the table, the constraint and the values. No variable has a polyref type: resolving one needs USAGE on
-- the schema. STRICT: a null content type passes. Immutable, as a CHECK needs; it reads the catalogue only to
-- word the error.
create or replace function polyref.integrity_type_not_allowed(
    p_table regclass, p_constraint name, p_content_type_id integer, p_object_id text
) returns boolean
language plpgsql
immutable strict
set search_path = pg_catalog, pg_temp
as $$
declare
    v_schema    name;
    v_table     name;
    v_ct_column name;
    v_id_column name;
    v_targets   integer[];
    v_type      text;
    v_allowed   text;
begin
    select n.nspname, c.relname into v_schema, v_table
    from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = p_table;
    begin
        select k.ct_column, k.id_column,
               coalesce((select array_agg(gt.content_type_id order by gt.content_type_id)
                         from polyref.generic_key_target gt where gt.generic_key_id = k.id),
                        (select array_agg(t.content_type_id order by t.content_type_id)
                         from polyref.integrity_target t where t.registry = k.id_type))
        into v_ct_column, v_id_column, v_targets
        from polyref.generic_key k
        where k.table_name = p_table
          and polyref.integrity_constraint_name('polyref_ck', k.ct_column, k.id_column) = p_constraint;
        select ct.app_label || '.' || ct.model into v_type from polyref.content_type ct where ct.id = p_content_type_id;
        select string_agg(format('%s (%s)', coalesce(ct.app_label || '.' || ct.model, '?'), a.id), ', ' order by a.id)
        into v_allowed
        from unnest(v_targets) a (id) left join polyref.content_type ct on ct.id = a.id;
    exception when insufficient_privilege then
        null;  -- the writer may not read polyref's tables: say what we know
    end;
    raise exception 'content type % (%) is not allowed for generic key %(%, %) = (%, %); allowed: %',
            p_content_type_id, coalesce(v_type, 'unknown'), p_table, coalesce(v_ct_column, '?'),
            coalesce(v_id_column, '?'), p_content_type_id, coalesce(p_object_id, 'null'),
            coalesce(v_allowed, 'see constraint ' || p_constraint)
        using errcode = 'check_violation', schema = v_schema, table = v_table, column = coalesce(v_ct_column, ''),
              constraint = p_constraint;
end
$$;

comment on function polyref.integrity_type_not_allowed(regclass, name, integer, text) is
    'Polyref API: raises the check violation of an enforced generic key (called by its CHECK constraint).';
