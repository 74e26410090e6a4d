package dev.polyref.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.MalformedDeclarationException;
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
import org.jooq.meta.jaxb.Property;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@PolyrefTest
class PolyrefGeneratorTest {

    private final TestDatabase db;

    PolyrefGeneratorTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void generatesOneConstantPerTableWithASingleColumnKeyBesideTables(@TempDir Path dir) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            tool.run(configuration(dir, new Database().withInputSchema("example")));
        }
        String source = Files.readString(dir.resolve("gen/Models.java"));
        assertThat(source)
                .contains("package gen;")
                .contains("public static final Model<VideoRecord, Long> VIDEO = "
                        + "Model.of(\"example\", \"video\", Tables.VIDEO, Tables.VIDEO.ID);")
                .contains("Model<DocumentRecord, UUID> DOCUMENT")
                .contains("Model<PageRecord, String> PAGE = Model.of(\"example\", \"page\", Tables.PAGE, "
                        + "Tables.PAGE.SLUG)")
                .contains("Content type <code>example.video</code>")
                .contains("public static final List<Model<?, ?>> ALL = List.of(")
                .doesNotContain("PLAYLIST_ENTRY")
                .doesNotContain("FLYWAY_SCHEMA_HISTORY");
        assertThat(dir.resolve("gen/Tables.java")).exists();
    }

    @Test
    void aTableMissingFromTheCatalogueFailsGenerationNamingTheTable(@TempDir Path dir) throws Exception {
        db.dsl().execute("create schema unsynced");
        db.dsl().execute("create table unsynced.gadget (id bigint primary key)");
        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            assertThatThrownBy(() -> tool.run(configuration(dir, new Database().withInputSchema("unsynced"))))
                    .isInstanceOf(MalformedDeclarationException.class)
                    .hasMessageContaining("unsynced.gadget")
                    .hasMessageContaining("missing from polyref.content_type");
        }
    }

    @Test
    void migratedPostgresDatabaseGeneratesFromMigrationsWithoutAnyRunningDatabase(@TempDir Path dir) throws Exception {
        Database database = new Database()
                .withName(MigratedPostgresDatabase.class.getName())
                .withInputSchema("example")
                .withExcludes("flyway_schema_history")
                .withProperties(
                        new Property().withKey("locations").withValue("filesystem:migrations/example"),
                        new Property().withKey("schemas").withValue("example"));
        Configuration configuration = configuration(dir, database).withBasedir(Path.of("").toAbsolutePath().toString());

        GenerationTool.generate(configuration);

        assertThat(Files.readString(dir.resolve("gen/Models.java")))
                .contains("Model<BookmarkRecord, Long> BOOKMARK");
    }

    private static Configuration configuration(Path dir, Database database) {
        return new Configuration()
                .withLogging(Logging.WARN)
                .withGenerator(new Generator()
                        .withName(PolyrefGenerator.class.getName())
                        .withDatabase(database)
                        .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString())));
    }
}
