-- Polyref's own schema, version 5: one place for "a table's single-column primary key" and "which key types an
-- object id can hold". V2 (declarations) and V3 (integrity) each had a copy; V2's compared type names from
-- format_type, so a varchar(12) key ("character varying(12)") was refused as a target of a text object id.
-- V2's functions now delegate to V3's regtype-based ones; their signatures and callers stay as they were.

create or replace function polyref.primary_key_of(p_table regclass)
returns table (column_name text, type_name text)
language sql
stable
as $$
    -- type without modifiers: "character varying", not "character varying(12)"
    select pk.column_name::text, pg_catalog.format_type(pk.column_type, null)
    from polyref.integrity_single_pk(p_table) pk
$$;

create or replace function polyref.object_id_accepts(p_id_type text, p_pk_type text)
returns boolean
language sql
stable
as $$
    select coalesce(polyref.integrity_target_fits(pg_catalog.to_regtype(p_pk_type), p_id_type), false)
$$;
