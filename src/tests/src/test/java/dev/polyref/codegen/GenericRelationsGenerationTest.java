package dev.polyref.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.Polyref;
import dev.polyref.catalogue.Model;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relations are derived from the generic-key declarations: no declaration of their own. */
@PolyrefTest
class GenericRelationsGenerationTest {

    private final TestDatabase db;

    GenericRelationsGenerationTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theExampleGetsOneRelationPerKeyAndTableItCanPointAt() {
        // activity.target: its 5 allowed targets; comment.subject: document; attachment.owner: post and video;
        // tagged_item (text, any): all 11
        assertThat(GenericRelations.ALL).hasSize(5 + 1 + 2 + Models.ALL.size());
        assertThat(GenericRelations.ALL).filteredOn(r -> r.key() == GenericKeys.TAGGED_ITEM_CONTENT_OBJECT)
                .extracting(r -> r.parent().naturalKey())
                .containsExactlyInAnyOrderElementsOf(naturalKeys(Models.ALL));
        assertThat(GenericRelations.ALL).filteredOn(r -> r.key() == GenericKeys.ACTIVITY_TARGET)
                .extracting(r -> r.parent().naturalKey())
                .containsExactlyInAnyOrderElementsOf(naturalKeys(GenericKeys.ACTIVITY_TARGET.allowedTargets()));
        assertThat(GenericRelations.DOCUMENT__COMMENT_SUBJECT.parent()).isEqualTo(Models.DOCUMENT);
    }

    @Test
    void aKeyForAnyTableRelatesToTheTablesWhoseKeyItsObjectIdCanHoldAcrossSchemas(@TempDir Path dir) throws Exception {
        DSLContext dsl = db.dsl();
        dsl.execute("create schema shop");
        dsl.execute("create table shop.item (id bigint primary key)");
        dsl.execute("create table shop.label (id uuid primary key)");
        dsl.execute("create table shop.note (id integer primary key, "
                + "about_type integer references polyref.content_type (id), about_id bigint)");
        Polyref.configure().load().using(dsl).contentTypes().sync("shop");
        dsl.execute("select polyref.declare_generic_key('shop.note', 'about', 'about_type', 'about_id')");

        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            tool.run(new Configuration().withLogging(Logging.WARN).withGenerator(new Generator()
                    .withName(PolyrefGenerator.class.getName())
                    .withDatabase(new Database().withSchemata(new SchemaMappingType().withInputSchema("shop"),
                            new SchemaMappingType().withInputSchema("example")).withExcludes("flyway_schema_history"))
                    .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString()))));
        }
        String source = Files.readString(dir.resolve("gen/shop/GenericRelations.java"));
        assertThat(source)
                .contains("GenericRelation<ItemRecord, NoteRecord> ITEM__NOTE_ABOUT = "
                        + "GenericRelation.of(Models.ITEM, GenericKeys.NOTE_ABOUT);")
                .contains("NOTE__NOTE_ABOUT")
                .contains("EXAMPLE_VIDEO__NOTE_ABOUT = GenericRelation.of(gen.example.Models.VIDEO, ")
                .doesNotContain("LABEL__")
                .doesNotContain("DOCUMENT__")
                .doesNotContain("PAGE__")
                .contains("GenericKeys#NOTE_ABOUT}.");
        assertThat(dir.resolve("gen/example/GenericRelations.java")).exists();
    }

    private static List<NaturalKey> naturalKeys(List<Model<?, ?>> models) {
        return models.stream().map(Model::naturalKey).toList();
    }
}
