-- The example application's generic keys, each declared once: columns, allowed targets, ON DELETE action and
-- whether PostgreSQL enforces it. Code generation turns each into a typed descriptor in
-- dev.polyref.example.db.GenericKeys (ACTIVITY_TARGET, TAGGED_ITEM_CONTENT_OBJECT, COMMENT_SUBJECT).
-- Enforcement is off here (the tests and the demo turn it on: select polyref.enforce_generic_key(...)).


-- The activity stream: what a user did to a video, song, post, bookmark or user (bigint object ids).
select polyref.declare_generic_key('example.activity', 'target',
    p_allowed_targets => array['example.users', 'example.video', 'example.song', 'example.post',
                               'example.bookmark']::regclass[],
    p_on_delete => 'cascade');

-- Django's TaggedItem: a text object id holds bigint, uuid and text keys alike, so tags may point anywhere.
select polyref.declare_generic_key('example.tagged_item', 'content_object', p_on_delete => 'cascade');

-- Custom column names and a uuid object id: comments on documents only, which cannot be deleted while
-- commented on once enforced.
select polyref.declare_generic_key('example.comment', 'subject',
    p_ct_column => 'subject_type_id', p_id_column => 'subject_id',
    p_allowed_targets => array['example.document']::regclass[],
    p_on_delete => 'restrict');
