package dev.polyref.parity;

import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.CLIP;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.Model;
import dev.polyref.check.Checks;
import dev.polyref.check.Problem;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ClipRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.generic.GenericKey;
import dev.polyref.generic.GenericRelation;
import dev.polyref.generic.Prefetched;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Proxy models and for_concrete_model (A6, C34, E51, J84): example.clip, a view over example.video, catalogued as
 * its proxy. A key stores video's content type for a clip by default and clip's own with storingProxyTypes().
 */
@PolyrefTest
class ProxyModelsTest {

    /** The proxy's Model, as an application writes it (code generation emits Models for tables only). */
    static final Model<ClipRecord, Long> CLIP_MODEL = Model.of("example", "clip", CLIP, CLIP.ID);
    static final GenericKey<TaggedItemRecord, String> PROXY_KEY = TAGGED_ITEM_CONTENT_OBJECT.storingProxyTypes();

    private final TestDatabase db;
    private final DSLContext dsl;
    private final Polyref polyref;
    private final int videoType;
    private final int clipType;

    ProxyModelsTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
        dsl.execute("select polyref.declare_proxy('example.clip')");
        List<Model<?, ?>> models = new ArrayList<>(Models.ALL);
        models.add(CLIP_MODEL);
        this.polyref = Polyref.configure().models(models).load();
        this.videoType = (Integer) dsl.fetchValue("select id from polyref.content_type where model = 'video'");
        this.clipType = (Integer) dsl.fetchValue("select id from polyref.content_type where model = 'clip'");
    }

    @AfterEach
    void cleanUp() {
        dsl.execute("delete from example.tagged_item");
        dsl.execute("delete from example.video");
        dsl.execute("drop view if exists example.clip2");
        dsl.execute("delete from polyref.content_type where model = 'clip2'");
    }

    private VideoRecord video(String title) {
        return dsl.insertInto(VIDEO).set(VIDEO.TITLE, title).returning().fetchOne();
    }

    private ClipRecord clip(VideoRecord video) {
        return dsl.selectFrom(CLIP).where(CLIP.ID.eq(video.getId())).fetchSingle();
    }

    private TaggedItemRecord tag(PolyrefContext p, GenericKey<TaggedItemRecord, String> key, TableRecord<?> target,
            String tag) {
        TaggedItemRecord row = p.resolver().setTarget(key, dsl.newRecord(TAGGED_ITEM).setTag(tag), target);
        row.store();
        return row;
    }

    @Test
    void aSimpleViewIsDetectedAsAProxyAndAJoinIsNot() {
        assertThat(dsl.fetchValue("select polyref.proxy_base_of('example.clip')::text")).isEqualTo("example.video");
        assertThat(dsl.fetchValue("select polyref.proxy_base_of('example.video_with_uploader')")).isNull();
        assertThatThrownBy(() -> dsl.execute("select polyref.declare_proxy('example.video_with_uploader')"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("view example.video_with_uploader is not a single-table, auto-updatable view");
        assertThatThrownBy(() -> dsl.execute("select polyref.declare_proxy('example.video')"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("example.video is not a view");

        dsl.execute("create view example.clip2 as select id, title from example.video where title <> ''");
        assertThat(dsl.fetch("select model, proxy_for from polyref.sync_proxies(array['example'])"))
                .extracting(r -> r.get(0) + "/" + r.get(1)).containsExactly("clip2/" + videoType);
        assertThat(dsl.fetch("select model from polyref.sync_proxies(array['example'])")).as("idempotent").isEmpty();

        // A declared base: the view reads it and has its key column, though it also reads users
        ContentType declared = null;
        dsl.execute("select polyref.declare_proxy('example.video_with_uploader', 'example.video')");
        declared = polyref.using(dsl).contentTypes().get(org.jooq.impl.DSL.table(
                org.jooq.impl.DSL.name("example", "video_with_uploader")));
        assertThat(declared.proxyFor()).isEqualTo(videoType);
        dsl.execute("delete from polyref.content_type where model = 'video_with_uploader'");
    }

    @Test
    void theProxyHasItsOwnContentTypeNamedByTheViewsCommentAndIsNotStale() {
        ContentType clip = polyref.using(dsl).contentTypes().get(CLIP_MODEL);

        assertThat(clip.id()).isEqualTo(clipType).isNotEqualTo(videoType);
        assertThat(clip.isProxy()).isTrue();
        assertThat(clip.proxyFor()).isEqualTo(videoType);
        assertThat(clip.concreteId()).isEqualTo(videoType);
        assertThat(clip.name()).isEqualTo("Video clip");
        assertThat(polyref.using(dsl).contentTypes().get(VIDEO).isProxy()).isFalse();
        assertThat(polyref.using(dsl).contentTypes().fetchStale()).isEmpty();
        assertThat(Checks.staleContentTypes().run(dsl)).isEmpty();

        dsl.execute("create view example.clip2 as select id, title from example.video");
        dsl.execute("select polyref.declare_proxy('example.clip2')");
        dsl.execute("drop view example.clip2");
        assertThat(polyref.using(dsl).contentTypes().fetchStale()).extracting(ContentType::model)
                .containsExactly("clip2");
    }

    @Test
    void byDefaultAKeyStoresTheConcreteTablesContentTypeForAProxysRow() {
        PolyrefContext p = polyref.using(dsl);
        VideoRecord video = video("cats");
        ClipRecord clip = clip(video);

        TaggedItemRecord row = tag(p, TAGGED_ITEM_CONTENT_OBJECT, clip, "via proxy");

        assertThat(TAGGED_ITEM_CONTENT_OBJECT.forConcreteModel()).isTrue();
        assertThat(row.getContentTypeId()).isEqualTo(videoType);
        assertThat(row.getObjectId()).isEqualTo(String.valueOf(video.getId()));
        assertThat(p.resolver().fetchOptional(TAGGED_ITEM_CONTENT_OBJECT, row)).get()
                .isInstanceOf(VideoRecord.class).isEqualTo(video);
        assertThat(dsl.fetchCount(TAGGED_ITEM, p.resolver().conditions().pointsAt(TAGGED_ITEM_CONTENT_OBJECT, clip)))
                .as("a condition on the proxy's row is a condition on the concrete row").isEqualTo(1);
        GenericRelation<ClipRecord, TaggedItemRecord> concrete = GenericRelation.of(CLIP_MODEL,
                TAGGED_ITEM_CONTENT_OBJECT);
        assertThat(p.relation(concrete).fetch(clip)).extracting(TaggedItemRecord::getTag).containsExactly("via proxy");
    }

    @Test
    void storingProxyTypesKeepsTheProxysContentTypeAndReturnsTheProxysRecord() {
        PolyrefContext p = polyref.using(dsl);
        VideoRecord video = video("dogs");
        ClipRecord clip = clip(video);
        tag(p, TAGGED_ITEM_CONTENT_OBJECT, video, "concrete");

        TaggedItemRecord row = tag(p, PROXY_KEY, clip, "proxy");

        assertThat(PROXY_KEY.forConcreteModel()).isFalse();
        assertThat(row.getContentTypeId()).isEqualTo(clipType);
        assertThat(p.resolver().fetchOptional(PROXY_KEY, row)).get().isInstanceOf(ClipRecord.class)
                .extracting(r -> ((ClipRecord) r).getTitle()).isEqualTo("dogs");
        // Without the proxy's Model the row is still found: a proxy's rows are its base table's
        PolyrefContext tablesOnly = Polyref.configure().models(Models.ALL).load().using(dsl);
        assertThat(tablesOnly.resolver().fetchOptional(PROXY_KEY, row)).get().isInstanceOf(VideoRecord.class)
                .isEqualTo(video);

        // Reverse relations and conditions query with the proxy's content type (E51)
        GenericRelation<ClipRecord, TaggedItemRecord> proxies = GenericRelation.of(CLIP_MODEL, PROXY_KEY);
        assertThat(p.relation(proxies).fetch(clip)).extracting(TaggedItemRecord::getTag).containsExactly("proxy");
        assertThat(p.relation(GenericRelation.of(CLIP_MODEL, TAGGED_ITEM_CONTENT_OBJECT)).fetch(clip))
                .extracting(TaggedItemRecord::getTag).containsExactly("concrete");
        assertThat(dsl.fetch(TAGGED_ITEM, p.resolver().conditions().pointsAt(PROXY_KEY, clip)))
                .extracting(TaggedItemRecord::getTag).containsExactly("proxy");
        assertThat(dsl.fetch(TAGGED_ITEM, p.resolver().conditions().pointsAtType(PROXY_KEY, CLIP_MODEL)))
                .extracting(TaggedItemRecord::getTag).containsExactly("proxy");
    }

    @Test
    void creatingThroughAProxyRelationStoresTheProxysTypeUnlikeDjangosSaveNew() {
        PolyrefContext p = polyref.using(dsl);
        ClipRecord clip = clip(video("birds"));
        GenericRelation<ClipRecord, TaggedItemRecord> proxies = GenericRelation.of(CLIP_MODEL, PROXY_KEY);

        TaggedItemRecord created = p.relation(proxies).create(clip, t -> t.setTag("new"));

        // J84: Django's generic formset save_new stores the concrete type and loses the row from its own queryset
        assertThat(created.getContentTypeId()).isEqualTo(clipType);
        assertThat(p.relation(proxies).fetch(clip)).extracting(TaggedItemRecord::getTag).containsExactly("new");
    }

    @Test
    void prefetchLoadsEachTypeOnceProxyRowsFromTheView() {
        PolyrefContext p = polyref.using(dsl);
        VideoRecord a = video("a");
        VideoRecord b = video("b");
        List<TaggedItemRecord> rows = List.of(tag(p, TAGGED_ITEM_CONTENT_OBJECT, a, "1"),
                tag(p, PROXY_KEY, clip(a), "2"), tag(p, PROXY_KEY, clip(b), "3"));
        p.contentTypes().getAllById(List.of(videoType, clipType));   // warm: only the targets are counted

        Prefetched targets = db.assertStatements(2, () -> p.resolver().prefetch(PROXY_KEY, rows));

        assertThat(targets.find(rows.get(0))).get().isInstanceOf(VideoRecord.class);
        assertThat(targets.find(rows.get(1))).get().isInstanceOf(ClipRecord.class);
        assertThat(targets.targets(CLIP_MODEL)).extracting(ClipRecord::getTitle).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void integrityTreatsAProxysRowsAsItsBaseTablesRows() {
        PolyrefContext p = polyref.using(dsl);
        VideoRecord video = video("kept");
        tag(p, PROXY_KEY, clip(video), "fine");
        assertThat(Checks.danglingReferences().run(dsl)).isEmpty();

        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) values ('gone', " + clipType
                + ", '424242')");
        List<Problem> problems = Checks.danglingReferences().run(dsl);
        assertThat(problems).extracting(Problem::message).containsExactly("1 row of generic key content_object points "
                + "at missing objects of example.clip \"Video clip\" (content type " + clipType + "); delete or fix "
                + "them, or let PostgreSQL enforce the key (polyref.enforce_generic_key)");

        // A row of the base table that the view hides is still the proxy's row (Django: same table)
        dsl.execute("create or replace view example.clip as select id, title, uploader_id from example.video "
                + "where title <> 'kept'");
        assertThat(Checks.danglingReferences().run(dsl)).hasSize(1);
        dsl.execute("create or replace view example.clip as select id, title, uploader_id from example.video");
    }

    @Test
    void theKeysChoiceIsDeclaredInSqlAndOnlyForDeclaredKeys() {
        assertThat(dsl.fetchValue("select for_concrete_model from polyref.generic_key where name = 'content_object'"))
                .isEqualTo(true);
        dsl.execute("select polyref.set_generic_key_for_concrete_model('example.tagged_item', 'content_object', false)");
        assertThat(dsl.fetchValue("select for_concrete_model from polyref.generic_key where name = 'content_object'"))
                .isEqualTo(false);
        dsl.execute("select polyref.set_generic_key_for_concrete_model('example.tagged_item', 'content_object', true)");

        assertThatThrownBy(() -> dsl.execute(
                "select polyref.set_generic_key_for_concrete_model('example.tagged_item', 'nope', false)"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("no generic key nope declared on example.tagged_item");
        assertThatThrownBy(() -> dsl.execute("select polyref.declare_proxy('example.clip', 'example.song')"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("view example.clip does not read table example.song");
    }

    @Test
    void onlyTheInstallingRoleMayDeclareProxiesOrTheKeysChoice() throws Exception {
        try (TestRoles roles = new TestRoles(db)) {
            TestRoles.Role app = roles.create("proxies");
            dsl.execute("grant usage on schema polyref, example to " + app.quoted());
            dsl.execute("grant select on all tables in schema polyref, example to " + app.quoted());
            DSLContext asApp = roles.connect(app);
            for (String call : List.of("polyref.declare_proxy('example.clip')",
                    "polyref.sync_proxies(array['example'])",
                    "polyref.set_generic_key_for_concrete_model('example.tagged_item', 'content_object', false)")) {
                assertThatThrownBy(() -> asApp.execute("select " + call)).as(call)
                        .isInstanceOf(DataAccessException.class)
                        .hasMessageContaining("may not run Polyref's internal functions");
            }
            assertThat(asApp.fetchValue("select polyref.proxy_base_of('example.clip')::text"))
                    .as("reading is public").isEqualTo("example.video");
        }
        assertThat(dsl.fetchValue("select for_concrete_model from polyref.generic_key where name = 'content_object'"))
                .isEqualTo(true);
    }
}
