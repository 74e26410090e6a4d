-- The constraint-trigger prototype; ${CT} is the content type of bench.t_trg.
create function bench.r_trg_check() returns trigger language plpgsql as $$
begin
    if new.ct is null and new.oid is null then
        return null;
    end if;
    if new.ct = ${CT} then
        perform 1 from bench.t_trg t where t.id = new.oid for key share;
        if found then
            return null;
        end if;
    end if;
    raise exception 'generic key bench.r_trg(ct, oid) = (%, %) points at a missing row', new.ct, new.oid
        using errcode = 'foreign_key_violation';
end
$$;
create constraint trigger r_trg_check after insert or update of ct, oid on bench.r_trg
    for each row execute function bench.r_trg_check();

create function bench.t_trg_cascade() returns trigger language plpgsql as $$
begin
    delete from bench.r_trg r using old_rows d where r.ct = ${CT} and r.oid = d.id;
    return null;
end
$$;
create trigger t_trg_cascade after delete on bench.t_trg
    referencing old table as old_rows for each statement execute function bench.t_trg_cascade();

-- The partitioned-registry variation; ${CT_PRT} is the content type of bench.t_prt.
create table bench.preg_t_prt partition of bench.preg for values in (${CT_PRT});
alter table bench.preg_t_prt add foreign key (object_id) references bench.t_prt (id) on delete cascade on update cascade;
create function bench.t_prt_registry() returns trigger language plpgsql security definer as $$
begin
    insert into bench.preg (content_type_id, object_id) select ${CT_PRT}, n.id from new_rows n;
    return null;
end
$$;
create trigger t_prt_registry after insert on bench.t_prt
    referencing new table as new_rows for each statement execute function bench.t_prt_registry();
alter table bench.r_prt add foreign key (ct, oid) references bench.preg (content_type_id, object_id)
    match full on delete cascade on update cascade;

-- The bare registry; ${CT_BARE} is the content type of bench.t_bare.
create function bench.t_bare_insert() returns trigger language plpgsql as $$
begin
    insert into bench.bare_reg (content_type_id, object_id) select ${CT_BARE}, n.id from new_rows n;
    return null;
end
$$;
create trigger t_bare_insert after insert on bench.t_bare
    referencing new table as new_rows for each statement execute function bench.t_bare_insert();
create function bench.t_bare_delete() returns trigger language plpgsql as $$
begin
    delete from bench.bare_reg o using old_rows d where o.content_type_id = ${CT_BARE} and o.object_id = d.id;
    return null;
end
$$;
create trigger t_bare_delete after delete on bench.t_bare
    referencing old table as old_rows for each statement execute function bench.t_bare_delete();
alter table bench.r_bare add foreign key (ct, oid) references bench.bare_reg (content_type_id, object_id)
    match full on delete cascade on update cascade;

-- The secured bare registry; ${CT_SEC} is the content type of bench.t_sec.
create function bench.t_sec_insert() returns trigger language plpgsql security definer
set search_path = pg_catalog, pg_temp as $$
begin
    insert into bench.sec_reg (content_type_id, object_id) select ${CT_SEC}, n.id from new_rows n;
    return null;
end
$$;
create trigger t_sec_insert after insert on bench.t_sec
    referencing new table as new_rows for each statement execute function bench.t_sec_insert();
create function bench.t_sec_delete() returns trigger language plpgsql security definer
set search_path = pg_catalog, pg_temp as $$
begin
    delete from bench.sec_reg o using old_rows d
    where o.content_type_id operator(pg_catalog.=) ${CT_SEC} and o.object_id operator(pg_catalog.=) d.id;
    return null;
end
$$;
create trigger t_sec_delete after delete on bench.t_sec
    referencing old table as old_rows for each statement execute function bench.t_sec_delete();
alter table bench.r_sec add foreign key (ct, oid) references bench.sec_reg (content_type_id, object_id)
    match full on delete cascade on update cascade;

-- Typed FK columns; ${CT_SHD} and ${CT_SH4} are the content types of bench.t_shd and bench.t_sh4. A CHECK keeps
-- the type among the allowed ones, as Polyref's CHECK does.
alter table bench.r_shd
    add column oid_t_shd bigint generated always as (case when ct = ${CT_SHD} then oid end) stored
        references bench.t_shd (id) on delete cascade,
    add check (ct is null or ct = ${CT_SHD});
create index on bench.r_shd (oid_t_shd) where oid_t_shd is not null;
alter table bench.r_sh4
    add column oid_t_sh4 bigint generated always as (case when ct = ${CT_SH4} then oid end) stored
        references bench.t_sh4 (id) on delete cascade,
    add column oid_o1 bigint generated always as (case when ct = -1 then oid end) stored
        references bench.o1 (id) on delete cascade,
    add column oid_o2 bigint generated always as (case when ct = -2 then oid end) stored
        references bench.o2 (id) on delete cascade,
    add column oid_o3 bigint generated always as (case when ct = -3 then oid end) stored
        references bench.o3 (id) on delete cascade,
    add check (ct is null or ct in (${CT_SH4}, -1, -2, -3));
create index on bench.r_sh4 (oid_t_sh4) where oid_t_sh4 is not null;
create index on bench.r_sh4 (oid_o1) where oid_o1 is not null;
create index on bench.r_sh4 (oid_o2) where oid_o2 is not null;
create index on bench.r_sh4 (oid_o3) where oid_o3 is not null;
