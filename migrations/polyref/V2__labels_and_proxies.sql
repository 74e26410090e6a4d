-- Polyref 0.2 -> issue 12 (Django parity): verbose names and proxies. Functions are in R__02 (catalogue) and
-- R__03 (declarations); docs/django-parity.md explains both.


-- VERBOSE NAMES (Django's Meta.verbose_name): a declared label wins over the first line of COMMENT ON TABLE,
-- which wins over the table name (polyref.content_type_name). Set with polyref.set_content_type_label.
alter table polyref.content_type
    add column label text,
    add constraint content_type_label_check check (label is null or (label <> '' and octet_length(label) <= 200
                                                                     and label !~ '[[:cntrl:]]'));

comment on column polyref.content_type.label is
    'A declared human name (Django: verbose_name), set by polyref.set_content_type_label; null: the first line '
    'of the table''s comment, else the table name.';


-- PROXIES (Django's proxy models): a view over one catalogued table gets a content type of its own whose rows
-- are its base table's rows. proxy_for is the base table's content type; null for a table.
alter table polyref.content_type
    add column proxy_for integer references polyref.content_type (id) on delete cascade,
    add constraint content_type_proxy_for_check check (proxy_for is distinct from id);

comment on column polyref.content_type.proxy_for is
    'For a proxy (a view catalogued with polyref.declare_proxy or polyref.sync_proxies): the content type of its '
    'base table, whose rows are its rows. Null for a table.';

-- Django's for_concrete_model: which content type a key stores for a proxy's row. true (the default): the base
-- table's; false: the proxy's own. Set with polyref.set_generic_key_for_concrete_model.
alter table polyref.generic_key
    add column for_concrete_model boolean not null default true;

comment on column polyref.generic_key.for_concrete_model is
    'Django''s for_concrete_model: true (default) stores the base table''s content type for a proxy''s row, false '
    'the proxy''s own (polyref.set_generic_key_for_concrete_model).';
