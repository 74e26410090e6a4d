package dev.polyref.citus;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.COMMENT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.Polyref;
import dev.polyref.UnenforceableOnCitusException;
import dev.polyref.cli.Main;
import dev.polyref.codegen.PolyrefGenerator;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.Models;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a cluster has: workers to ask directly, Citus's placement, what it refuses. Skipped, with the reason
 * printed, when no cluster is reachable ({@link CitusCluster}).
 */
class CitusClusterTest {

    private static final String CATALOGUE = "select id, app_label, model from polyref.content_type order by id";
    private static final String DECLARATIONS = "select gk.id, gk.name, gk.ct_column, gk.id_column, gk.id_type, "
            + "gk.on_delete, gk.enforced, array(select t.content_type_id from polyref.generic_key_target t "
            + "where t.generic_key_id = gk.id order by 1)::text as targets from polyref.generic_key gk order by gk.id";

    private CitusCluster.Session session;
    private DSLContext dsl;

    @BeforeEach
    void connect() {
        CitusCluster.assumeAvailable();
        session = CitusCluster.open();
        dsl = session.dsl();
        dsl.execute("truncate example.activity, example.tagged_item, example.comment, example.video, example.users, "
                + "example.document");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (session != null) {
            dsl.execute("drop table if exists example.gadget");
            dsl.execute("delete from polyref.content_type where model = 'gadget'");
            session.close();
        }
    }

    @Test
    void theCatalogueAndTheDeclarationsAreReferenceTablesWithTheSameRowsOnEveryNode() {
        assertThat(dsl.fetch("select logicalrelid::text, polyref.citus_table_kind(logicalrelid) "
                + "from pg_catalog.pg_dist_partition where logicalrelid::text like 'polyref.%' order by 1")
                .map(r -> r.get(0) + "=" + r.get(1))).containsExactly("polyref.content_type=reference",
                "polyref.generic_key=reference", "polyref.generic_key_target=reference",
                "polyref.integrity_target=local");
        assertThat(dsl.fetch("select polyref.distribute_catalogue()")).as("already distributed: a no-op").isEmpty();
        List<String> workers = CitusCluster.workerUrls(dsl);
        assertThat(workers).hasSize(2);
        String catalogue = dsl.fetch(CATALOGUE).formatCSV();
        String declarations = dsl.fetch(DECLARATIONS).formatCSV();
        assertThat(catalogue).contains("example,video", "example,tagged_item");
        assertThat(declarations).contains("target", "content_object", "subject");
        for (String worker : workers) {
            assertThat(onNode(worker, CATALOGUE)).as(worker).isEqualTo(catalogue);
            assertThat(onNode(worker, DECLARATIONS)).as(worker).isEqualTo(declarations);
        }
    }

    /**
     * Citus converts a plain table connected through foreign keys to one it distributes into a "Citus local table"
     * by moving it into a shard (polyref.content_type_102010) under a new name: a function over the row type goes
     * with the shard, and calling it by the table's name fails. distribute_catalogue keeps every catalogue table
     * (R__08_citus.sql) and puts the foreign keys between them back.
     */
    @Test
    void polyrefsFunctionsStillTakeAndReturnTheCatalogueTablesRowTypesNotAShards() {
        List<String> rowTypes = dsl.fetch("""
                select distinct t.oid::regtype::text from pg_catalog.pg_proc p
                join pg_catalog.pg_type t on t.oid = p.prorettype or t.oid = any (p.proargtypes::oid[])
                where p.pronamespace = 'polyref'::regnamespace and t.typrelid <> 0 order by 1""")
                .getValues(0, String.class);
        assertThat(rowTypes).contains("polyref.content_type", "polyref.generic_key")
                .noneMatch(type -> type.matches(".*_[0-9]+"));
        assertThat(dsl.fetchValue("select prorettype::regtype::text from pg_catalog.pg_proc "
                + "where oid = 'polyref.sync_content_types(text[], text[])'::regprocedure"))
                .isEqualTo("polyref.content_type");
        assertThat(dsl.fetch("select conname::text from pg_catalog.pg_constraint where contype = 'f' "
                + "and conrelid = 'polyref.generic_key_target'::regclass order by 1").getValues(0, String.class))
                .as("the foreign keys between the catalogue tables, put back").containsExactly(
                        "generic_key_target_content_type_id_fkey", "generic_key_target_generic_key_id_fkey");
        dsl.execute("comment on table example.song is 'Track\nA song'");
        assertThat(dsl.fetchValue("select polyref.content_type_name(ct.label, ct.relation, ct.model) "
                + "from polyref.content_type ct where model = 'song'")).isEqualTo("Track");
        var song = Polyref.configure().load().using(dsl).contentTypes().get(DSL.table(DSL.name("example", "song")));
        assertThat(song.name()).isEqualTo("Track");
        dsl.execute("comment on table example.song is null");
    }

    /**
     * content_type_name reads the table's comment by the coordinator's oid: in a query Citus pushes down to the
     * shards it would read whatever that oid is on a worker, so it raises there; a materialized CTE of the
     * catalogue names the types on the coordinator (docs/scale-out.md).
     */
    @Test
    void contentTypeNamesAreReadOnTheCoordinatorAndRefusedOnAWorker() {
        dsl.execute("comment on table example.video is 'Clip'");
        try {
            dsl.execute("insert into example.users (id, username) values (1, 'ada'), (2, 'bob'), (3, 'cy')");
            dsl.execute("insert into example.activity (user_id, action, content_type_id, object_id) select u, 'x', "
                    + "id, 1 from polyref.content_type, generate_series(1, 3) u where model = 'video'");
            assertThatThrownBy(() -> dsl.fetch("select polyref.content_type_name(ct.label, ct.relation, ct.model) "
                    + "from example.activity a join polyref.content_type ct on ct.id = a.content_type_id"))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("ran on a Citus worker")
                    .hasMessageContaining("'video'");
            assertThat(dsl.fetch("with n as materialized (select ct.id, polyref.content_type_name(ct.label, "
                    + "ct.relation, ct.model) as name from polyref.content_type ct) select n.name "
                    + "from example.activity a join n on n.id = a.content_type_id").getValues(0, String.class))
                    .containsExactly("Clip", "Clip", "Clip");
            for (String worker : CitusCluster.workerUrls(dsl)) {
                assertThatThrownBy(() -> onNode(worker, "select polyref.content_type_name('Film', "
                        + "'pg_catalog.pg_class'::regclass, 'video')")).as(worker)
                        .isInstanceOf(DataAccessException.class).hasMessageContaining("ran on a Citus worker");
            }
        } finally {
            dsl.execute("comment on table example.video is null");
        }
    }

    @Test
    void syncOnTheCoordinatorGivesANewTableTheSameIdOnEveryNodeAndStaleListsItWhenDropped() {
        dsl.execute("create table example.gadget (id bigint primary key)");
        dsl.execute("select create_distributed_table('example.gadget', 'id')");
        int id = dsl.fetchSingle("select id from polyref.sync_content_types(array['example'])").get(0, Integer.class);
        assertThat(Polyref.configure().load().using(dsl).contentTypes().get(DSL.table(DSL.name("example", "gadget")))
                .id()).isEqualTo(id);
        for (String worker : CitusCluster.workerUrls(dsl)) {
            assertThat(onNode(worker, "select id from polyref.content_type where model = 'gadget'"))
                    .as(worker).isEqualTo("id\n" + id + "\n");
        }
        dsl.execute("drop table example.gadget");

        Run stale = cli("stale");
        assertThat(stale.exit()).as(stale.toString()).isZero();
        assertThat(stale.out()).contains("Content type example.gadget (id " + id + ")");
        Run remove = cli("stale", "--remove", "--yes");
        assertThat(remove.exit()).as(remove.toString()).isZero();
        for (String worker : CitusCluster.workerUrls(dsl)) {
            assertThat(onNode(worker, "select count(*) from polyref.content_type where model = 'gadget'"))
                    .as(worker).isEqualTo("count\n0\n");
        }
    }

    @Test
    void enforceIsRefusedForKeysOnDistributedTablesAndNothingChanges() {
        var integrity = Polyref.configure().load().using(dsl).integrity();
        assertThatThrownBy(() -> integrity.enforce(ACTIVITY, "target"))
                .isInstanceOf(UnenforceableOnCitusException.class)
                .hasMessageContaining("generic key target on example.activity")
                .hasMessageContaining("example.activity is a distributed table");
        assertThatThrownBy(() -> integrity.enforce(COMMENT, "subject"))
                .isInstanceOf(UnenforceableOnCitusException.class)
                .hasMessageContaining("example.comment is a distributed table");
        assertThat(dsl.fetchValue("select count(*) from polyref.generic_key where enforced")).isEqualTo(0L);
        assertThat(dsl.fetchValue("select count(*) from pg_catalog.pg_constraint "
                + "where conname like 'polyref\\_%' and conrelid = 'example.activity'::regclass")).isEqualTo(0L);
    }

    @Test
    void aForeignKeyBetweenColocatedTablesEnforcesTheOneTargetCommentKey() {
        assertThatThrownBy(() -> dsl.execute("insert into example.comment (body, subject_type_id, subject_id) "
                + "select 'x', id, gen_random_uuid() from polyref.content_type where model = 'document'"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("violates foreign key constraint");
    }

    @Test
    void checkReportsDanglingReferencesAcrossNodes() {
        Run clean = cli("check");
        assertThat(clean.exit()).as(clean.toString()).isZero();

        dsl.execute("insert into example.users (id, username) values (1, 'ada'), (2, 'bob')");
        dsl.execute("insert into example.video (id, title) select i, 'v' || i from generate_series(1, 50) i");
        // 3 activities at missing videos (on other shards than their users'), 1 at a missing song (a reference
        // table), and 4 tags at video ids that are no video (one not even a number)
        dsl.execute("insert into example.activity (user_id, action, content_type_id, object_id) select u, 'x', "
                + "ct.id, o from polyref.content_type ct, (values (1, 1), (2, 50), (1, 51), (2, 77), (1, 1000)) v (u, o) "
                + "where ct.model = 'video'");
        dsl.execute("insert into example.activity (user_id, action, content_type_id, object_id) select 2, 'y', id, 9 "
                + "from polyref.content_type where model = 'song'");
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) select 't', id, o "
                + "from polyref.content_type, unnest(array['1', '2', '01', 'abc', '51', '99']) o where model = 'video'");

        Run problems = cli("check");
        assertThat(problems.exit()).as(problems.toString()).isEqualTo(2);
        assertThat(problems.out()).contains(
                "dangling-references: example.activity: 3 rows of generic key target point at missing objects of "
                        + "example.video",
                "dangling-references: example.activity: 1 row of generic key target points at missing objects of "
                        + "example.song",
                "dangling-references: example.tagged_item: 4 rows of generic key content_object point at missing "
                        + "objects of example.video",
                "3 problems found");

        dsl.execute("delete from example.activity where object_id > 50 or action = 'y'");
        dsl.execute("delete from example.tagged_item where object_id not in ('1', '2')");
        Run fixed = cli("check");
        assertThat(fixed.exit()).as(fixed.toString()).isZero();
    }

    /**
     * What Citus cannot plan, so the guide (docs/scale-out.md) says how to model around it: a join or a correlated
     * subquery between distributed tables that are not colocated on the object id, which a text object id never
     * is with a bigint key. The resolver's and the relations' own queries (= ANY per type) still work for them.
     */
    @Test
    void whatCitusCannotPlanAndWhatStillWorksForTheSameTables() {
        dsl.execute("insert into example.video (id, title) values (1, 'cats')");
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) select 'funny', id, '1' "
                + "from polyref.content_type where model = 'video'");
        var polyref = Polyref.configure().models(Models.ALL).load().using(dsl);
        var videoTags = polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
        assertThatThrownBy(() -> dsl.select(VIDEO.ID, videoTags.count()).from(VIDEO).fetch())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("complex joins are only supported");
        assertThatThrownBy(() -> dsl.select(VIDEO.ID).from(VIDEO).join(TAGGED_ITEM).on(videoTags.joinCondition())
                .fetch()).isInstanceOf(DataAccessException.class).hasMessageContaining("complex joins");

        var video = dsl.selectFrom(VIDEO).fetchSingle();
        assertThat(videoTags.fetch(video)).extracting(t -> t.getTag()).containsExactly("funny");
        assertThat(videoTags.prefetch(List.of(video)).get(video)).hasSize(1);
        var tags = dsl.selectFrom(TAGGED_ITEM).fetch();
        assertThat(polyref.resolver().prefetch(dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT, tags)
                .find(tags.get(0))).isPresent();
    }

    /** A fixture dumped from the coordinator loads back into it: rows, generic keys, content types by name. */
    @Test
    void fixturesDumpAndLoadThroughTheCoordinator(@TempDir Path dir) throws Exception {
        dsl.execute("insert into example.users (id, username) values (1, 'ada'), (2, 'bob')");
        dsl.execute("insert into example.video (id, title) values (1, 'cats'), (2, 'dogs')");
        dsl.execute("insert into example.activity (user_id, action, content_type_id, object_id) select u, 'x', id, "
                + "u from polyref.content_type, (values (1), (2)) v (u) where model = 'video'");
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) select 'fun', id, '2' "
                + "from polyref.content_type where model = 'video'");
        String before = dsl.fetch("select a.user_id, a.action, c.model, a.object_id from example.activity a "
                + "join polyref.content_type c on c.id = a.content_type_id order by 1").formatCSV();
        Path fixture = dir.resolve("feed.json");
        Run dump = cli("dump", "--file", fixture.toString(), "--table", "example.users", "--table", "example.video",
                "--table", "example.activity", "--table", "example.tagged_item");
        assertThat(dump.exit()).as(dump.toString()).isZero();
        assertThat(Files.readString(fixture)).contains("\"content_type_id\": [\"example\", \"video\"]");
        dsl.execute("truncate example.activity, example.tagged_item, example.video, example.users");

        Run load = cli("load", "--file", fixture.toString());
        assertThat(load.exit()).as(load.toString()).isZero();
        assertThat(dsl.fetch("select a.user_id, a.action, c.model, a.object_id from example.activity a "
                + "join polyref.content_type c on c.id = a.content_type_id order by 1").formatCSV()).isEqualTo(before);
        assertThat(dsl.fetchValue("select count(*) from example.tagged_item where object_id = '2'")).isEqualTo(1L);
    }

    /** Code generation reads the catalogue, the declarations and jOOQ's metadata from the coordinator. */
    @Test
    void codeGenerationAgainstTheCoordinator(@TempDir Path dir) throws Exception {
        assertThat(dsl.fetch("select * from polyref.generic_key_problems()")).isEmpty();
        GenerationTool.generate(new Configuration()
                .withLogging(Logging.WARN)
                .withJdbc(new Jdbc().withUrl(CitusCluster.url()))
                .withGenerator(new Generator()
                        .withName(PolyrefGenerator.class.getName())
                        .withDatabase(new Database().withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("example").withExcludes("flyway_schema_history"))
                        .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString()))));
        // every target table (no shard tables such as video_102008); the referencing tables' primary keys include
        // their distribution column, so they are no targets (Models hold tables with a single-column key)
        assertThat(Files.readString(dir.resolve("gen/Models.java")))
                .contains("VIDEO", "USERS", "DOCUMENT", "PAGE", "SONG", "BOOKMARK", "POST")
                .doesNotContain("_10", "TAGGED_ITEM", "ACTIVITY");
        assertThat(Files.readString(dir.resolve("gen/GenericKeys.java")))
                .contains("ACTIVITY_TARGET", "TAGGED_ITEM_CONTENT_OBJECT", "COMMENT_SUBJECT");
    }

    private static String onNode(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url)) {
            return DSL.using(c).fetch(sql).formatCSV();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot query worker " + url, e);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", CitusCluster.url()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }
}
