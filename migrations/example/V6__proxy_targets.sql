-- Issue 12: example.clip (V4) catalogued as a proxy of example.video, so that code generation emits Models.CLIP
-- (the view's jOOQ table and record, keyed by video's key column) and a key can allow the proxy as a target.
-- example.video_with_uploader joins two tables and stays uncatalogued: it gets no Models constant.
select polyref.sync_content_types(array['example']);
select polyref.declare_proxy('example.clip');
