-- Benchmark schema: one target table and one referencing table per variant, so the variants never share rows.
-- ${CT} is replaced by each variant's content type id.
create schema bench;

-- off: a generic key without integrity (ordinary columns and an index)
create table bench.t_off (id bigint primary key, title text not null);
create table bench.r_off (id bigint generated always as identity primary key, ct integer, oid bigint, note text);
create index on bench.r_off (ct, oid);

-- fk: the baseline, an ordinary foreign key to a single table (ct kept so rows are as wide)
create table bench.t_fk (id bigint primary key, title text not null);
create table bench.r_fk (id bigint generated always as identity primary key, ct integer,
                         oid bigint references bench.t_fk (id) on delete cascade, note text);
create index on bench.r_fk (oid);

-- registry: Polyref's design, enforced by polyref.enforce_generic_key after the catalogue sync
create table bench.t_reg (id bigint primary key, title text not null);
create table bench.r_reg (id bigint generated always as identity primary key,
    ct integer references polyref.content_type (id), oid bigint, note text);
create index on bench.r_reg (ct, oid);
-- the same, whose FK on ct is dropped once the key is enforced (IntegrityBenchmark.setUp): the enforced key
-- makes it redundant
create table bench.t_rgn (id bigint primary key, title text not null);
create table bench.r_rgn (id bigint generated always as identity primary key,
    ct integer constraint r_rgn_ct_fkey references polyref.content_type (id), oid bigint, note text);
create index on bench.r_rgn (ct, oid);

-- trigger: the alternative, constraint triggers (bench-only prototype): a row-level check that locks the target
-- FOR KEY SHARE like PostgreSQL's RI, and a statement-level cascade on the target. Not safe under REPEATABLE
-- READ (the cascade's snapshot misses referencing rows committed after it began); see docs/integrity.md.
create table bench.t_trg (id bigint primary key, title text not null);
create table bench.r_trg (id bigint generated always as identity primary key, ct integer, oid bigint, note text);
create index on bench.r_trg (ct, oid);

-- prt: a variation of the registry design, measured for comparison (bench-only): the registry partitioned by
-- content type, each partition with a real foreign key to its target table, so deleting a target needs no
-- trigger; keeping the registry filled on insert still does.
create table bench.preg (content_type_id integer not null, object_id bigint not null,
                         primary key (object_id, content_type_id)) partition by list (content_type_id);
create table bench.t_prt (id bigint primary key, title text not null);
create table bench.r_prt (id bigint generated always as identity primary key, ct integer, oid bigint, note text);
create index on bench.r_prt (ct, oid);

-- bare: the registry design at its floor (bench-only): a registry table like polyref.object_bigint, the same
-- composite FK and CHECK-free cascade, kept by minimal statement-level triggers (see triggers.sql)
create table bench.bare_reg (content_type_id integer not null, object_id bigint not null,
                             primary key (content_type_id, object_id));
create table bench.t_bare (id bigint primary key, title text not null);
create table bench.r_bare (id bigint generated always as identity primary key, ct integer, oid bigint, note text);
create index on bench.r_bare (ct, oid);

-- sec: the bare registry's triggers made SECURITY DEFINER with a pinned search_path (Polyref's SQL rules)
create table bench.sec_reg (content_type_id integer not null, object_id bigint not null,
                            primary key (content_type_id, object_id));
create table bench.t_sec (id bigint primary key, title text not null);
create table bench.r_sec (id bigint generated always as identity primary key, ct integer, oid bigint, note text);
create index on bench.r_sec (ct, oid);

-- shd, sh4: no registry; typed generated columns with real foreign keys (added in triggers.sql, which knows the
-- content type ids). o1..o3 are the three other allowed types of sh4, never pointed at here.
create table bench.t_shd (id bigint primary key, title text not null);
create table bench.r_shd (id bigint generated always as identity primary key, ct integer, oid bigint, note text);
create index on bench.r_shd (ct, oid);
create table bench.t_sh4 (id bigint primary key, title text not null);
create table bench.r_sh4 (id bigint generated always as identity primary key, ct integer, oid bigint, note text);
create index on bench.r_sh4 (ct, oid);
create table bench.o1 (id bigint primary key);
create table bench.o2 (id bigint primary key);
create table bench.o3 (id bigint primary key);
