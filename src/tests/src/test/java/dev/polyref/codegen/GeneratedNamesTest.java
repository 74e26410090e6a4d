package dev.polyref.codegen;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java names Polyref derives from database names are never silently shared: generation fails naming both. */
@PolyrefTest
class GeneratedNamesTest {

    private final TestDatabase db;
    private final DSLContext dsl;

    GeneratedNamesTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @Test
    void twoKeysWhoseTableAndKeyNamesRunTogetherFailNamingBoth(@TempDir Path dir) {
        dsl.execute("create schema clash");
        for (String table : new String[] {"a_b", "a"}) {
            dsl.execute("create table clash." + table + " (id bigint primary key, "
                    + "content_type_id integer references polyref.content_type (id), object_id bigint)");
        }
        dsl.execute("select polyref.sync_content_types(array['clash'])");
        dsl.execute("select polyref.declare_generic_key('clash.a_b', 'c')");
        dsl.execute("select polyref.declare_generic_key('clash.a', 'b_c')");

        assertThatThrownBy(() -> generate(dir, "clash"))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageContaining("GenericKeys.A_B_C of schema clash would stand for both")
                .hasMessageContaining("generic key b_c on clash.a")
                .hasMessageContaining("generic key c on clash.a_b");
    }

    @Test
    void aTableNamedAllWouldShadowTheListAndFails(@TempDir Path dir) {
        dsl.execute("create schema lists");
        dsl.execute("create table lists.\"all\" (id bigint primary key)");
        dsl.execute("select polyref.sync_content_types(array['lists'])");

        assertThatThrownBy(() -> generate(dir, "lists"))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageContaining("ContentTypes.ALL of schema lists would stand for both the list of all "
                        + "constants and table lists.all");
    }

    @Test
    void aSchemaWhoseClassWouldBeOverwrittenFails(@TempDir Path dir) {
        dsl.execute("create schema content_types");
        dsl.execute("create table content_types.thing (id bigint primary key)");
        dsl.execute("select polyref.sync_content_types(array['content_types'])");

        assertThatThrownBy(() -> generate(dir, "content_types"))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageContaining("jOOQ names the class of schema content_types ContentTypes");
    }

    private void generate(Path dir, String schema) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            tool.run(new Configuration().withLogging(Logging.WARN).withGenerator(new Generator()
                    .withName(PolyrefGenerator.class.getName())
                    .withDatabase(new Database().withInputSchema(schema))
                    .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString()))));
        }
    }
}
