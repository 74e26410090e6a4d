-- Polyref's own schema, version 6: security (issue 8). Nothing in V1-V5 is edited (they are applied in users'
-- databases); the functions that change are replaced here, the others get a pinned search_path, and the
-- generated registry triggers and the constraint names of already-enforced keys are fixed in place.
--
-- PRIVILEGE MODEL
--   * The installing role (the one Flyway runs Polyref's migrations as; it owns schema polyref's tables) or a
--     superuser declares, enforces, un-enforces, syncs and repairs. Those functions run with the caller's rights
--     (SECURITY INVOKER) and the integrity ones need EXECUTE on Polyref's internal functions, which only the
--     owner (and superusers) have: another role gets that by membership in the installing role.
--   * Every other role uses Polyref through the public API below, with the rights it has been given: USAGE on
--     schema polyref and SELECT on its tables to read (the resolver, `polyref check`, stale content types, ...).
--   * Writers of a table with an enforced key need nothing on polyref: its foreign key and CHECK work without
--     rights on the registry, and polyref.integrity_type_not_allowed (called by the CHECK) is executable by
--     PUBLIC and still raises the check violation when the writer cannot read polyref's tables.
--   * Writers of a target table need nothing on polyref either: its registry trigger functions are SECURITY
--     DEFINER (owned by the owner of polyref's tables, never by a superuser who happened to run enforce), not
--     executable by PUBLIC (so nobody can attach them to another table: EXECUTE is checked by CREATE TRIGGER,
--     not when a trigger fires), and check at their top, in one query, that they were fired on their
--     registered target table (looked up in polyref.integrity_target) by a trigger that declares the
--     transition table they read.
--   * Every function pins search_path = pg_catalog, pg_temp; no identifier is ever pasted into a generated
--     function body (bodies are passed as one %L literal, names inside them through %I).
--
-- FUNCTIONS, by kind (COMMENT ON FUNCTION starts with "Polyref API:" for the first two kinds):
--   Public API, EXECUTE for PUBLIC: sync_content_types, stale_content_types, declare_generic_key,
--     generic_key_problems, dangling_references, enforce_generic_key, unenforce_generic_key,
--     generic_key_violations, integrity_check, integrity_repair, integrity_type_not_allowed (CHECK constraints).
--   Read-only helpers, EXECUTE for PUBLIC because public functions call them for their caller (no side effects,
--     caller's rights): generic_key_problem, primary_key_of, object_id_accepts, integrity_single_pk,
--     integrity_registry_of, integrity_target_fits, integrity_violations.
--   Internal, EXECUTE revoked from PUBLIC: integrity_content_type_of, integrity_install_triggers,
--     integrity_registry_value, integrity_install_target, integrity_target_removed, integrity_forget_targets,
--     integrity_constraint_name, integrity_drop_constraints, integrity_drop_key_constraints,
--     integrity_constraint_is_keys, integrity_add_foreign_key, integrity_add_check, integrity_try_validate,
--     integrity_on_drop (event trigger; event triggers fire without EXECUTE) and the generated
--     object_registry_ct<N> (triggers fire without EXECUTE too).
--   No SECURITY DEFINER function is executable by PUBLIC. Enforce, un-enforce and repair are API but call
--   internal functions: a role without EXECUTE on them gets a clear insufficient_privilege error.


-- Constraint names: unique and stable per key, whatever the column names. 0.1 joined the two names with '_',
-- so keys (a_b, c) and (a, b_c) of one table shared their constraints. Now: a readable part (lower-case
-- letters, digits and '_' only, so the byte length is known) and a hash of the quoted column pair, within 63
-- bytes: polyref_fk_ct_oid_1b2c3d4e.
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

-- Drops those of the named constraints of a table that belong to the key on (p_ct_column, p_id_column): a
-- foreign key or CHECK over exactly these two columns. Another key's constraint of the same name is left alone.
create function polyref.integrity_drop_key_constraints(
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

-- Whether a constraint is over exactly the two columns of a key (its conkey, in any order).
create function polyref.integrity_constraint_is_keys(p_constraint oid, p_ct_column name, p_id_column name)
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

-- The two constraints of an enforced key, valid, or NOT VALID when existing rows violate it (checked from now on).
-- MATCH FULL: both columns set or both null. ON UPDATE CASCADE: keys follow a target's changed key.
-- NO ACTION is made deferrable (SET CONSTRAINTS ... DEFERRED), the one way it differs from RESTRICT.
create function polyref.integrity_add_foreign_key(
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

-- The CHECK names itself (p_name) to polyref.integrity_type_not_allowed, which reads the key by it: renaming
-- it means creating it again. The table is passed by oid, so no name of it is in the expression's source.
create function polyref.integrity_add_check(
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

-- Validates a NOT VALID constraint if the rows allow it; otherwise it stays NOT VALID (integrity_check says so).
create function polyref.integrity_try_validate(p_table regclass, p_name name)
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


-- Raised by the CHECK of an enforced key when the content type is not allowed. Writers call it through that
-- CHECK without needing any right on polyref: when they cannot read polyref's tables the message says less
-- (no column names, no allowed types) but it is still the check violation (23514) naming the table, the
-- constraint and the values. No variable has a polyref type: resolving one needs USAGE on the schema.
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
        select k.ct_column, k.id_column, k.targets into v_ct_column, v_id_column, v_targets
        from polyref.integrity_key k where k.table_name = p_table and k.check_name = p_constraint;
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

    -- The registered target is looked up in polyref.integrity_target (a regclass, so it survives a dump and
    -- restore or a rename, where an oid written into the body would not), in the same one query per statement
    -- that reads pg_trigger.
    v_body := format($body$
begin
    -- Run only as Polyref's own trigger on the registered target of content type %1$s (see
    -- polyref.integrity_install_triggers): never attached elsewhere, and the transition table read below is
    -- the trigger's own, not a relation found on the search path
    if tg_when operator(pg_catalog.<>) 'AFTER'
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
$body$, p_content_type_id, v_insert, v_delete, v_update, v_truncate);

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


create or replace function polyref.enforce_generic_key(
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
    v_fk         name;
    v_check      name;
    v_old        polyref.integrity_key;
    v_same       boolean;
    v_valid      boolean;
    v_report     polyref.integrity_report;
    v_target     regclass;
    v_ct         integer;
    v_pk_type    regtype;
    i            integer;
begin
    -- A clear refusal instead of "permission denied for function integrity_..." (see the privilege model above)
    if not has_function_privilege('polyref.integrity_install_triggers(integer)', 'execute') then
        raise exception 'polyref.enforce_generic_key: role % may not run Polyref''s internal functions; enforce keys '
            'as the role that installed Polyref (the owner of its tables) or a superuser', current_user
            using errcode = 'insufficient_privilege';
    end if;
    v_fk := polyref.integrity_constraint_name('polyref_fk', p_ct_column, p_id_column);
    v_check := polyref.integrity_constraint_name('polyref_ck', p_ct_column, p_id_column);
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
        and v_old.fk_name = v_fk and v_old.check_name = v_check
        and exists (select from pg_constraint c where c.conrelid = p_table and c.conname = v_fk)
        and exists (select from pg_constraint c where c.conrelid = p_table and c.conname = v_check);
    if v_same then
        if v_valid then
            execute format('alter table %s validate constraint %I', p_table, v_fk);
            execute format('alter table %s validate constraint %I', p_table, v_check);
        end if;
    else
        -- Only this key's own constraints, by name and by columns: a name stored by 0.1 may be another key's
        perform polyref.integrity_drop_key_constraints(p_table, p_ct_column, p_id_column,
                                                       v_fk, v_check, v_old.fk_name, v_old.check_name);
        perform polyref.integrity_add_foreign_key(p_table, p_ct_column, p_id_column, v_registry, v_on_delete, v_fk,
                                                  v_valid);
        perform polyref.integrity_add_check(p_table, p_ct_column, p_id_column, v_targets, v_check, v_valid);
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

-- Stops enforcing a generic key: drops its constraints (only its own, see integrity_drop_key_constraints) and
-- the targets no other key needs. Returns whether it was enforced. Referencing rows are left as they are.
create or replace function polyref.unenforce_generic_key(p_table regclass, p_ct_column text, p_id_column text)
returns boolean
language plpgsql
set search_path = pg_catalog, pg_temp
as $$
declare
    k record;
begin
    if not has_function_privilege('polyref.integrity_install_triggers(integer)', 'execute') then
        raise exception 'polyref.unenforce_generic_key: role % may not run Polyref''s internal functions; '
            'un-enforce keys as the role that installed Polyref (the owner of its tables) or a superuser',
            current_user using errcode = 'insufficient_privilege';
    end if;
    delete from polyref.integrity_key ik
    where ik.table_name = p_table and ik.ct_column = p_ct_column and ik.id_column = p_id_column
    returning ik.fk_name, ik.check_name into k;
    if not found then
        return false;
    end if;
    perform polyref.integrity_drop_key_constraints(p_table, p_ct_column, p_id_column, k.fk_name, k.check_name);
    perform polyref.integrity_forget_targets(true);
    return true;
end
$$;


-- What is wrong with the integrity machinery, if anything: one row per problem, with how to fix it. V3's kinds
-- (drop_guard_missing, dropped_target, key_not_enforced, key_not_valid) and, new:
--   missing_target: a key lists a target whose table is gone (or no longer is the table it mirrored): an
--                   enforced key's targets, or a declared key's allowed targets (polyref.generic_key_target).
create or replace function polyref.integrity_check()
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
    union all
    -- An enforced key allows a content type whose table is not mirrored into its registry any more: the table
    -- was dropped (perhaps created again under the same name, then its rows cannot be referenced)
    select 'missing_target', a.ct,
           format('enforced generic key %s(%I, %I) lists target %s (content type %s), whose table %s; enforce the '
                  'key again with its current targets, or un-enforce it',
                  k.table_name, k.ct_column, k.id_column,
                  case when ct.id is null then '?' else format('%I.%I', ct.app_label, ct.model) end, a.ct,
                  case when ct.id is null then 'has no catalogue row'
                       when to_regclass(format('%I.%I', ct.app_label, ct.model)) is null then 'was dropped'
                       else 'was dropped and created again (it is not mirrored)' end)
    from polyref.integrity_key k
    cross join lateral unnest(k.targets) a (ct)
    left join polyref.content_type ct on ct.id = a.ct
    where exists (select from pg_class c where c.oid = k.table_name)
      -- a target row whose table is gone is reported as dropped_target until repaired
      and not exists (select from polyref.integrity_target t
                      where t.content_type_id = a.ct and t.registry = k.registry)
    union all
    select 'missing_target', ct.id,
           format('declared generic key %s on %I.%I lists allowed target %I.%I (content type %s), whose table was '
                  'dropped; declare the key again without it', gk.name, gk.table_schema, gk.table_name,
                  ct.app_label, ct.model, ct.id)
    from polyref.generic_key gk
    join polyref.generic_key_target gt on gt.generic_key_id = gk.id
    join polyref.content_type ct on ct.id = gt.content_type_id
    where to_regclass(format('%I.%I', ct.app_label, ct.model)) is null
      -- a declaration whose own table is gone is polyref.generic_key_problems()'s to report
      and to_regclass(format('%I.%I', gk.table_schema, gk.table_name)) is not null
    ) p
    order by p.problem, p.sort, p.detail
$$;

-- Repairs what a dropped target table (without the event trigger) left behind; see V3.
create or replace function polyref.integrity_repair()
returns integer
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if not has_function_privilege('polyref.integrity_forget_targets(boolean, oid[])', 'execute') then
        raise exception 'polyref.integrity_repair: role % may not run Polyref''s internal functions; repair as the '
            'role that installed Polyref (the owner of its tables) or a superuser', current_user
            using errcode = 'insufficient_privilege';
    end if;
    return polyref.integrity_forget_targets(false);
end
$$;


-- Per declared generic key and content type: how many rows point at an object that does not exist, and why:
--   missing_object:       the target table exists but has no row with that key;
--   stale_content_type:   the content type's table is gone (every row of that type dangles);
--   unknown_content_type: the content type id has no catalogue row at all;
--   unsuitable_target:    the target has no single-column primary key, or one the object id cannot hold.
-- Object ids are compared as the integrity layer compares them: a text object id matches a key by the key's
-- canonical text form (so '042' does not match 42); a bigint or uuid id matches its key directly.
-- (V4's version failed with "record v_pk is not assigned yet" on a stale content type.)
drop function polyref.dangling_references();
create function polyref.dangling_references()
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
    v_pk_type   regtype;
    v_match     text;
begin
    for k in select gk.* from polyref.generic_key gk order by gk.table_schema, gk.table_name, gk.name loop
        if to_regclass(format('%I.%I', k.table_schema, k.table_name)) is null then
            continue;
        end if;
        for t in execute format(
                'select distinct r.%1$I::integer as ct, c.app_label, c.model from %2$I.%3$I r '
                'left join polyref.content_type c on c.id = r.%1$I '
                'where r.%1$I is not null and r.%4$I is not null order by 1',
                k.ct_column, k.table_schema, k.table_name, k.id_column) loop
            table_schema := k.table_schema;
            table_name := k.table_name;
            key_name := k.name;
            content_type_id := t.ct;
            target := t.app_label || '.' || t.model;
            v_rel := case when t.app_label is not null then to_regclass(format('%I.%I', t.app_label, t.model)) end;
            v_pk_column := null;
            v_pk_type := null;
            if v_rel is not null then
                select pk.column_name, pk.column_type into v_pk_column, v_pk_type
                from polyref.integrity_single_pk(v_rel) pk;
            end if;
            problem := case when t.app_label is null then 'unknown_content_type'
                            when v_rel is null then 'stale_content_type'
                            when v_pk_column is null or not polyref.integrity_target_fits(v_pk_type, k.id_type)
                                then 'unsuitable_target'
                            else 'missing_object' end;
            if problem <> 'missing_object' then
                execute format('select count(*) from %I.%I where %I = $1 and %I is not null',
                               k.table_schema, k.table_name, k.ct_column, k.id_column)
                    using t.ct into dangling;
            else
                v_match := case when k.id_type = 'text' then format('x.%I::text = r.%I', v_pk_column, k.id_column)
                                else format('x.%I = r.%I', v_pk_column, k.id_column) end;
                execute format('select count(*) from %I.%I r where r.%I = $1 and r.%I is not null '
                               'and not exists (select from %s x where %s)',
                               k.table_schema, k.table_name, k.ct_column, k.id_column, v_rel, v_match)
                    using t.ct into dangling;
            end if;
            if dangling > 0 then
                return next;
            end if;
        end loop;
    end loop;
end
$$;


-- EXISTING DATABASES, part 1: regenerate every registry trigger function (0.1's were executable by PUBLIC, had
-- no pinned search_path, did not check their caller and had the table's name in a comment), including any
-- left without a target (install_triggers drops those).
do $$
declare
    v_ct integer;
begin
    for v_ct in
        select t.content_type_id from polyref.integrity_target t
        union
        select substr(p.proname, length('object_registry_ct') + 1)::integer
        from pg_catalog.pg_proc p
        where p.pronamespace = 'polyref'::regnamespace and p.proname ~ '^object_registry_ct[0-9]+$'
        order by 1
    loop
        perform polyref.integrity_install_triggers(v_ct);
    end loop;
end
$$;

-- EXISTING DATABASES, part 2: the constraints of enforced keys get their new, per-key names. A foreign key
-- is renamed; the CHECK is created again, because its name is an argument inside its expression. A key whose
-- constraints 0.1 dropped (its name was another key's) gets them back, NOT VALID when rows now violate it.
do $$
declare
    k       record;
    v_fk    name;
    v_check name;
begin
    for k in
        select ik.* from polyref.integrity_key ik
        where exists (select from pg_catalog.pg_class c where c.oid = ik.table_name)
        order by ik.table_name::oid, ik.ct_column, ik.id_column
    loop
        v_fk := polyref.integrity_constraint_name('polyref_fk', k.ct_column, k.id_column);
        v_check := polyref.integrity_constraint_name('polyref_ck', k.ct_column, k.id_column);
        if exists (select from pg_catalog.pg_constraint c
                   where c.conrelid = k.table_name and c.conname = k.fk_name and c.contype = 'f'
                     and polyref.integrity_constraint_is_keys(c.oid, k.ct_column, k.id_column)) then
            if k.fk_name <> v_fk then
                execute format('alter table %s rename constraint %I to %I', k.table_name, k.fk_name, v_fk);
            end if;
        else
            perform polyref.integrity_drop_key_constraints(k.table_name, k.ct_column, k.id_column, v_fk);
            perform polyref.integrity_add_foreign_key(k.table_name, k.ct_column, k.id_column, k.registry, k.on_delete,
                                                      v_fk, false);
            perform polyref.integrity_try_validate(k.table_name, v_fk);
        end if;
        perform polyref.integrity_drop_key_constraints(k.table_name, k.ct_column, k.id_column, k.check_name, v_check);
        perform polyref.integrity_add_check(k.table_name, k.ct_column, k.id_column, k.targets, v_check, false);
        perform polyref.integrity_try_validate(k.table_name, v_check);
        update polyref.integrity_key ik set fk_name = v_fk, check_name = v_check
        where ik.table_name = k.table_name and ik.ct_column = k.ct_column and ik.id_column = k.id_column;
    end loop;
end
$$;


-- Every function pins its search_path: V1, V2 and V5 ones did not, so a role able to create a function in a
-- schema on the caller's path (public, on older databases) ran code as whoever called them.
alter function polyref.sync_content_types(text[], text[]) set search_path = pg_catalog, pg_temp;
alter function polyref.stale_content_types() set search_path = pg_catalog, pg_temp;
alter function polyref.generic_key_problem(text, text, text, text, text) set search_path = pg_catalog, pg_temp;
alter function polyref.object_id_accepts(text, text) set search_path = pg_catalog, pg_temp;
alter function polyref.primary_key_of(regclass) set search_path = pg_catalog, pg_temp;
alter function polyref.generic_key_problems() set search_path = pg_catalog, pg_temp;
alter function polyref.declare_generic_key(regclass, text, text, text, regclass[]) set search_path = pg_catalog, pg_temp;

-- EXECUTE: nothing for PUBLIC but the public API and its read-only helpers (see the list at the top).
revoke execute on all functions in schema polyref from public;
grant execute on function
    polyref.sync_content_types(text[], text[]),
    polyref.stale_content_types(),
    polyref.declare_generic_key(regclass, text, text, text, regclass[]),
    polyref.generic_key_problems(),
    polyref.dangling_references(),
    polyref.enforce_generic_key(regclass, text, text, text, regclass[]),
    polyref.unenforce_generic_key(regclass, text, text),
    polyref.generic_key_violations(regclass, text, text, integer),
    polyref.integrity_check(),
    polyref.integrity_repair(),
    polyref.integrity_type_not_allowed(regclass, name, integer, text),
    polyref.generic_key_problem(text, text, text, text, text),
    polyref.primary_key_of(regclass),
    polyref.object_id_accepts(text, text),
    polyref.integrity_single_pk(regclass),
    polyref.integrity_registry_of(regtype),
    polyref.integrity_target_fits(regtype, text),
    polyref.integrity_violations(regclass, name, name, text, integer[], integer)
to public;

comment on function polyref.sync_content_types(text[], text[]) is
    'Polyref API: adds missing content types for the tables of the given schemas (ON CONFLICT DO NOTHING) and returns them.';
comment on function polyref.stale_content_types() is
    'Polyref API: catalogue rows whose table no longer exists.';
comment on function polyref.declare_generic_key(regclass, text, text, text, regclass[]) is
    'Polyref API: declares a generic key (content-type column, object-id column, optional allowed targets) on a table.';
comment on function polyref.generic_key_problems() is
    'Polyref API: every problem of every declared generic key.';
comment on function polyref.dangling_references() is
    'Polyref API: per declared generic key and content type, the number of rows pointing at a missing object, and why.';
comment on function polyref.enforce_generic_key(regclass, text, text, text, regclass[]) is
    'Polyref API: enforces a generic key with a foreign key to the object registry; backfills and reports '
    'violations. Run by the role that installed Polyref, or a superuser.';
comment on function polyref.unenforce_generic_key(regclass, text, text) is
    'Polyref API: stops enforcing a generic key (drops its constraints); returns whether it was enforced. Run by '
    'the role that installed Polyref, or a superuser.';
comment on function polyref.generic_key_violations(regclass, text, text, integer) is
    'Polyref API: the rows of an enforced generic key that violate it.';
comment on function polyref.integrity_check() is
    'Polyref API: what is wrong with the integrity machinery, one row per problem.';
comment on function polyref.integrity_repair() is
    'Polyref API: removes what dropped target tables left in the registry, applying the ON DELETE actions. Run by '
    'the role that installed Polyref, or a superuser.';
comment on function polyref.integrity_type_not_allowed(regclass, name, integer, text) is
    'Polyref API: raises the check violation of an enforced generic key (called by its CHECK constraint).';
comment on function polyref.generic_key_problem(text, text, text, text, text) is
    'Polyref API (read-only helper): what is wrong with a generic key on these columns, or null.';
comment on function polyref.primary_key_of(regclass) is
    'Polyref API (read-only helper): the single-column primary key of a table as (column, type), or no row.';
comment on function polyref.object_id_accepts(text, text) is
    'Polyref API (read-only helper): whether an object id of this type can hold a primary key of that type.';
comment on function polyref.integrity_single_pk(regclass) is
    'Polyref API (read-only helper): the single-column primary key of a table as (column, regtype), or no row.';
comment on function polyref.integrity_registry_of(regtype) is
    'Polyref API (read-only helper): the object registry (bigint, text, uuid) of an object-id column type.';
comment on function polyref.integrity_target_fits(regtype, text) is
    'Polyref API (read-only helper): whether a primary key of this type can be a target in that registry.';
comment on function polyref.integrity_violations(regclass, name, name, text, integer[], integer) is
    'Polyref API (read-only helper): rows of a table that break a generic key (read with the caller''s rights).';

comment on function polyref.integrity_content_type_of(regclass) is 'Polyref internal: the content type of a table.';
comment on function polyref.integrity_install_triggers(integer) is
    'Polyref internal: (re)generates the registry trigger function and triggers of a target table.';
comment on function polyref.integrity_registry_value(text, text, name) is
    'Polyref internal: the registry value of a key column as an SQL expression.';
comment on function polyref.integrity_install_target(integer, regclass, text) is
    'Polyref internal: makes a table a target of a registry and backfills it.';
comment on function polyref.integrity_target_removed() is
    'Polyref internal: trigger deleting the registry rows of a removed target.';
comment on function polyref.integrity_forget_targets(boolean, oid[]) is
    'Polyref internal: forgets keys and targets whose table is gone, or targets no key needs.';
comment on function polyref.integrity_constraint_name(text, name, name) is
    'Polyref internal: the per-key constraint name (readable part and hash of the column pair).';
comment on function polyref.integrity_drop_constraints(regclass, name[]) is
    'Polyref internal (0.1): drops named constraints; superseded by integrity_drop_key_constraints.';
comment on function polyref.integrity_drop_key_constraints(regclass, name, name, name[]) is
    'Polyref internal: drops the named constraints that belong to one key.';
comment on function polyref.integrity_constraint_is_keys(oid, name, name) is
    'Polyref internal: whether a constraint is over exactly the two columns of a key.';
comment on function polyref.integrity_add_foreign_key(regclass, name, name, text, text, name, boolean) is
    'Polyref internal: adds the foreign key of an enforced key.';
comment on function polyref.integrity_add_check(regclass, name, name, integer[], name, boolean) is
    'Polyref internal: adds the CHECK of an enforced key.';
comment on function polyref.integrity_try_validate(regclass, name) is
    'Polyref internal: validates a constraint if the rows allow it.';
comment on function polyref.integrity_on_drop() is
    'Polyref internal: event trigger applying the ON DELETE actions when a target table is dropped.';
