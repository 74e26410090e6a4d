-- Polyref's own schema, version 4: finding references to missing rows, for keys without integrity
-- (Django's only kind) or declared over old data. `polyref check` reports them.

-- Per declared generic key and content type: how many rows point at an object that does not exist.
-- A row whose content type is stale (its table is gone) or has no single-column primary key counts as dangling.
-- Object ids are compared as the integrity layer compares them: a text object id matches a key by the key's
-- canonical text form (so '042' does not match 42); a bigint or uuid id matches its key directly.
create function polyref.dangling_references()
returns table (table_schema text, table_name text, key_name text, content_type_id integer, target text,
               dangling bigint)
language plpgsql
stable
as $$
declare
    k       record;
    t       record;
    v_rel   regclass;
    v_pk    record;
    v_match text;
begin
    for k in select * from polyref.generic_key gk order by gk.table_schema, gk.table_name, gk.name loop
        if to_regclass(format('%I.%I', k.table_schema, k.table_name)) is null then
            continue;
        end if;
        for t in execute format(
                'select distinct r.%1$I as ct, c.app_label, c.model from %2$I.%3$I r '
                'left join polyref.content_type c on c.id = r.%1$I '
                'where r.%1$I is not null and r.%4$I is not null order by 1',
                k.ct_column, k.table_schema, k.table_name, k.id_column) loop
            table_schema := k.table_schema;
            table_name := k.table_name;
            key_name := k.name;
            content_type_id := t.ct;
            target := coalesce(t.app_label || '.' || t.model, '?');
            v_rel := case when t.app_label is null then null
                          else to_regclass(format('%I.%I', t.app_label, t.model)) end;
            v_pk := null;
            if v_rel is not null then
                select * into v_pk from polyref.primary_key_of(v_rel);
            end if;
            if v_pk.column_name is null then
                execute format('select count(*) from %I.%I where %I = $1 and %I is not null',
                               k.table_schema, k.table_name, k.ct_column, k.id_column)
                    using t.ct into dangling;
            else
                v_match := case when k.id_type = 'text' then format('x.%I::text = r.%I', v_pk.column_name, k.id_column)
                                else format('x.%I = r.%I', v_pk.column_name, k.id_column) end;
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

comment on function polyref.dangling_references() is
    'Polyref: per declared generic key and content type, the number of rows pointing at a missing object.';
