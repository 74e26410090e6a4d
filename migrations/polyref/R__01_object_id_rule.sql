-- Polyref: the one rule for which types a generic key's columns may have and which primary keys its object id
-- can hold, and the catalogue lookups everything else builds on. Public API (read-only helpers).


-- THE RULE. Arguments are type names as format_type(type, typmod) writes them ('integer', 'character
-- varying(12)', ...); a null argument is not checked. Returns the object registry (= object-id kind) a key with
-- these types uses, or null when the rule refuses them:
--   * content-type column: integer, the type of polyref.content_type (id) (a bigint column is refused: ids are
--     read as Integer, and the foreign key joins like with like);
--   * object-id column: smallint, integer, bigint (registry bigint), text or unbounded character varying
--     (registry text), uuid (registry uuid). A bounded character varying(n) is refused: the text form of a key
--     it must hold (36 characters for a uuid, 20 for a bigint) may not fit;
--   * target primary key: an integer-type object id holds integer-type keys no wider than itself (bigint holds
--     smallint, integer, bigint; integer holds smallint, integer; smallint holds smallint); a text object id
--     holds smallint, integer, bigint, text, character varying (any length) and uuid keys by their text form
--     (pk::text); a uuid object id holds uuid keys.
-- The same rule in Java: dev.polyref.integrity.internal.ObjectIdRule (ObjectIdRuleParityTest runs one table of
-- cases through both).
create or replace function polyref.object_id_registry(p_ct_type text, p_id_type text, p_pk_type text)
returns text
language sql
immutable
set search_path = pg_catalog, pg_temp
as $$
    select case
        when p_ct_type is not null and p_ct_type <> 'integer' then null
        when p_id_type = 'bigint' and (p_pk_type is null or p_pk_type in ('smallint', 'integer', 'bigint'))
            then 'bigint'
        when p_id_type = 'integer' and (p_pk_type is null or p_pk_type in ('smallint', 'integer')) then 'bigint'
        when p_id_type = 'smallint' and (p_pk_type is null or p_pk_type = 'smallint') then 'bigint'
        when p_id_type in ('text', 'character varying')
             and (p_pk_type is null or p_pk_type in ('smallint', 'integer', 'bigint', 'text', 'character varying', 'uuid')
                  or p_pk_type like 'character varying(%)')
            then 'text'
        when p_id_type = 'uuid' and (p_pk_type is null or p_pk_type = 'uuid') then 'uuid'
    end
$$;

comment on function polyref.object_id_registry(text, text, text) is
    'Polyref API: THE rule for generic key types. Given the content-type column type, the object-id column type '
    'and a target''s primary key type (format_type names; null = not checked), the object registry (bigint, text, '
    'uuid) the key uses, or null when refused. Content type: integer. Object id: smallint, integer, bigint (hold '
    'integer keys no wider than themselves), text or unbounded character varying (hold integer, text, character '
    'varying and uuid keys by their text form), uuid (holds uuid keys); character varying(n) is refused.';


-- The type of a column as format_type writes it (with its modifier), or null when there is no such column.
create or replace function polyref.column_type_of(p_table regclass, p_column name)
returns text
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select format_type(a.atttypid, a.atttypmod)
    from pg_attribute a
    where a.attrelid = p_table and a.attname = p_column and a.attnum > 0 and not a.attisdropped
$$;

comment on function polyref.column_type_of(regclass, name) is
    'Polyref API (read-only helper): the type of a column as format_type writes it, or null.';


-- The single-column primary key of a table as (column, type as format_type writes it), or no row.
create or replace function polyref.primary_key_of(p_table regclass)
returns table (column_name name, column_type text)
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select a.attname, format_type(a.atttypid, a.atttypmod)
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.conrelid = p_table and c.contype = 'p' and cardinality(c.conkey) = 1
$$;

comment on function polyref.primary_key_of(regclass) is
    'Polyref API (read-only helper): the single-column primary key of a table as (column, type), or no row.';


-- The content type of a table: the row that follows it (relation), else the row of its name, else null.
create or replace function polyref.content_type_of(p_table regclass)
returns integer
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select ct.id
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join polyref.content_type ct on ct.relation = c.oid or (ct.app_label = n.nspname and ct.model = c.relname)
    where c.oid = p_table
    order by ct.relation = c.oid desc nulls last
    limit 1
$$;

comment on function polyref.content_type_of(regclass) is
    'Polyref API (read-only helper): the content type of a table (followed through renames), or null.';


-- The live ordinary or partitioned table of a content type: the one it follows, else the one of its name.
create or replace function polyref.table_of_content_type(p_content_type_id integer)
returns regclass
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select c.oid::regclass
    from polyref.content_type ct
    join pg_class c on c.oid = ct.relation
        or c.oid = to_regclass(format('%I.%I', ct.app_label, ct.model))
    where ct.id = p_content_type_id and c.relkind in ('r', 'p')
    order by (c.oid = ct.relation) is true desc
    limit 1
$$;

comment on function polyref.table_of_content_type(integer) is
    'Polyref API (read-only helper): the live table of a content type (followed through renames), or null.';


-- The table whose rows are a content type's objects: its own table, or for a proxy whose view exists, the base
-- table (Django: a proxy model's rows are its concrete model's rows). Null when stale.
create or replace function polyref.concrete_table_of_content_type(p_content_type_id integer)
returns regclass
language sql
stable
set search_path = pg_catalog, pg_temp
as $$
    select case when ct.proxy_for is null then polyref.table_of_content_type(ct.id)
                when exists (select from pg_class v where v.oid = ct.relation and v.relkind = 'v')
                    then polyref.table_of_content_type(ct.proxy_for)
           end
    from polyref.content_type ct
    where ct.id = p_content_type_id
$$;

comment on function polyref.concrete_table_of_content_type(integer) is
    'Polyref API (read-only helper): the table holding a content type''s rows: its own, or a proxy''s base table.';
