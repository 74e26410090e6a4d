-- Polyref: the drop guard, an event trigger that applies the ON DELETE actions of enforced keys when a target
-- table is dropped (and forgets the keys of a dropped referencing table). Creating an event trigger needs a
-- superuser, so installing it is an explicit step of its own, never a branch of a migration: every database at
-- the same Polyref version has the same schema, and polyref.integrity_check() says when the guard is missing.
-- Public API: install_drop_guard, drop_guard_installed. Internal: integrity_on_drop.


-- The event trigger's function: dropping a target table removes it from the registry (ON DELETE actions apply,
-- RESTRICT blocks the DROP); dropping a referencing table forgets its keys. Only the tables this command
-- dropped are looked at.
create or replace function polyref.integrity_on_drop()
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
       and (exists (select from polyref.integrity_target) or exists (select from polyref.generic_key)) then
        perform polyref.integrity_forget_targets(false, v_dropped);
    end if;
end
$$;

revoke execute on function polyref.integrity_on_drop() from public;
comment on function polyref.integrity_on_drop() is
    'Polyref internal: event trigger applying the ON DELETE actions when a target table is dropped.';


-- Installs the drop guard (event trigger polyref_integrity_on_drop), enabled; needs a superuser. Idempotent:
-- returns false when it was already installed and enabled.
create or replace function polyref.install_drop_guard()
returns boolean
language plpgsql
volatile
set search_path = pg_catalog, pg_temp
as $$
begin
    if polyref.drop_guard_installed() then
        return false;
    end if;
    if not exists (select from pg_roles r where r.rolname = current_user and r.rolsuper) then
        raise exception 'polyref.install_drop_guard: creating an event trigger needs a superuser, and role % is '
            'not one; without the guard run select polyref.integrity_repair() after dropping a target table',
            current_user using errcode = 'insufficient_privilege';
    end if;
    if exists (select from pg_event_trigger e where e.evtname = 'polyref_integrity_on_drop') then
        alter event trigger polyref_integrity_on_drop enable;
    else
        create event trigger polyref_integrity_on_drop on sql_drop execute function polyref.integrity_on_drop();
    end if;
    return true;
end
$$;

comment on function polyref.install_drop_guard() is
    'Polyref API: installs the drop guard (an event trigger applying ON DELETE actions when a target table is '
    'dropped); needs a superuser; returns false if it was already installed.';


-- Whether the drop guard is installed and enabled.
create or replace function polyref.drop_guard_installed()
returns boolean
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select exists (select from pg_event_trigger e
                   where e.evtname = 'polyref_integrity_on_drop' and e.evtenabled <> 'D'
                     and e.evtfoid = 'polyref.integrity_on_drop()'::regprocedure)
$$;

comment on function polyref.drop_guard_installed() is
    'Polyref API: whether the drop guard (event trigger polyref_integrity_on_drop) is installed and enabled.';
