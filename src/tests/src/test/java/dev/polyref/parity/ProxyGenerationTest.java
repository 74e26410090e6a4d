package dev.polyref.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: code generation emits a Models constant for each catalogued proxy view (jOOQ generates the view as a
 * table without a key: the constant uses its base table's key column), none for other views, and handles a proxy
 * as a key's allowed target (GenericKeys, GenericTargets, GenericRelations). Generated here without the example
 * build's synthetic key on example.clip.
 */
@PolyrefTest
class ProxyGenerationTest {

    private final TestDatabase db;

    ProxyGenerationTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aCataloguedProxyGetsAModelKeyedByItsBaseTablesKeyAndCanBeAnAllowedTarget(@TempDir Path dir)
            throws Exception {
        db.dsl().execute("select polyref.declare_proxy('example.clip')");
        db.dsl().execute("create table example.clip_pin (id bigint generated always as identity primary key, "
                + "content_type_id integer references polyref.content_type (id), object_id bigint)");
        db.dsl().execute("select polyref.declare_generic_key('example.clip_pin', 'pinned', "
                + "p_allowed_targets => array['example.clip', 'example.song']::regclass[])");
        db.dsl().execute("select polyref.sync_content_types(array['example'])");
        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            tool.run(new Configuration().withLogging(Logging.WARN).withGenerator(new Generator()
                    .withName("dev.polyref.codegen.PolyrefGenerator")
                    .withDatabase(new Database().withInputSchema("example"))
                    .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString()))));
        }

        String models = Files.readString(dir.resolve("gen/Models.java"));
        assertThat(models).contains("public static final Model<ClipRecord, Long> CLIP = Model.of(\"example\", "
                + "\"clip\", Tables.CLIP, Tables.CLIP.ID);");
        assertThat(models).contains("a proxy, view").doesNotContain("VIDEO_WITH_UPLOADER");
        assertThat(Files.readString(dir.resolve("gen/tables/Clip.java"))).as("jOOQ sees no key on the view")
                .doesNotContain("getPrimaryKey");

        String keys = Files.readString(dir.resolve("gen/GenericKeys.java"));
        assertThat(keys.lines().filter(l -> l.contains(" CLIP_PIN_PINNED = GenericKey.of("))).singleElement()
                .asString().contains("Models.CLIP").contains("Models.SONG");
        assertThat(Files.readString(dir.resolve("gen/GenericTargets.java"))).contains("ClipRecord")
                .contains("interface ClipPinPinned");
        assertThat(Files.readString(dir.resolve("gen/GenericRelations.java"))).contains("CLIP__CLIP_PIN_PINNED");
    }
}
