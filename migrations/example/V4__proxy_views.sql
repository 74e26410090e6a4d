-- Issue 12: views for Polyref's proxies (Django's proxy models, docs/django-parity.md). Not catalogued here, so the
-- example's catalogue stays one content type per table; an application catalogues them with
--   select polyref.sync_proxies(array['example']);           -- every simple view, detected
--   select polyref.declare_proxy('example.clip');             -- one view, base detected
-- jOOQ sees example.clip's primary key through a synthetic key (src/example/pom.xml), so a Clip record can be a
-- generic key's target.

-- A proxy of example.video: a single-table, auto-updatable view, found by polyref.proxy_base_of. The first line of
-- its comment is its human name once catalogued.
create view example.clip as
    select id, title, uploader_id from example.video;

comment on view example.clip is 'Video clip
Django''s proxy model: the rows of example.video, under a content type of their own.';

-- Not a proxy: it joins two tables, so no row of it is the row of one table (polyref.proxy_base_of is null).
create view example.video_with_uploader as
    select v.id, v.title, u.username
    from example.video v
    left join example.users u on u.id = v.uploader_id;
