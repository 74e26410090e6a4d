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

/** for_concrete_model = false (C34, E51), declared in SQL, reaches the generated GenericKey. */
@PolyrefTest
class ForConcreteModelGenerationTest {

    private final TestDatabase db;

    ForConcreteModelGenerationTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aKeyStoringProxyTypesIsGeneratedWithStoringProxyTypes(@TempDir Path dir) throws Exception {
        db.dsl().execute("select polyref.set_generic_key_for_concrete_model('example.tagged_item', 'content_object', "
                + "false)");
        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            tool.run(new Configuration().withLogging(Logging.WARN).withGenerator(new Generator()
                    .withName("dev.polyref.codegen.PolyrefGenerator")
                    .withDatabase(new Database().withInputSchema("example"))
                    .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString()))));
        }

        String keys = Files.readString(dir.resolve("gen/GenericKeys.java"));
        assertThat(keys).containsPattern("TAGGED_ITEM_CONTENT_OBJECT = GenericKey\\.of\\([^;]*\\)\\.storingProxyTypes\\(\\);");
        assertThat(keys.lines().filter(l -> l.contains(" ACTIVITY_TARGET = GenericKey.of(")))
                .singleElement().asString().doesNotContain("storingProxyTypes");
    }
}
