package dev.polyref.codegen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.catalogue.Model;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
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
                .hasMessageContaining("Models.ALL of schema lists would stand for both the list of all "
                        + "constants and table lists.all");
    }

    /**
     * jOOQ names a schema's class after the schema, in the package where Polyref writes its classes: schemas named
     * like them get {@code Polyref}-prefixed classes instead, referred to by that name from every schema.
     */
    @Test
    void schemasNamedLikePolyrefsClassesGenerateCodeThatCompiles(@TempDir Path dir) throws Exception {
        List<String> schemas = List.of("models", "generic_keys", "generic_relations", "generic_targets");
        for (int i = 0; i < schemas.size(); i++) {
            String schema = schemas.get(i);
            dsl.execute("create schema " + schema);
            dsl.execute("create table " + schema + ".thing (id bigint primary key)");
            dsl.execute("create table " + schema + ".note (id bigint primary key, "
                    + "ct integer references polyref.content_type (id), oid bigint, "
                    + "any_ct integer references polyref.content_type (id), any_oid text)");
        }
        dsl.execute("select polyref.sync_content_types(array['models', 'generic_keys', "
                + "'generic_relations', 'generic_targets'])");
        for (int i = 0; i < schemas.size(); i++) {
            String schema = schemas.get(i);
            String other = schemas.get((i + 1) % schemas.size());
            // one key pointing at another schema's table, one at any table
            dsl.execute("select polyref.declare_generic_key('" + schema + ".note', 'about', 'ct', 'oid', "
                    + "array['" + other + ".thing']::regclass[])");
            dsl.execute("select polyref.declare_generic_key('" + schema + ".note', 'anything', 'any_ct', "
                    + "'any_oid')");
        }

        generate(dir, schemas.toArray(String[]::new));
        ClassLoader loader = compile(dir);

        for (String schema : schemas) {
            for (String base : List.of("Models", "GenericKeys", "GenericRelations", "GenericTargets")) {
                String jooqSchemaClass = loader.loadClass("gen." + schema + "." + base).getSuperclass().getName();
                boolean clash = jooqSchemaClass.equals("org.jooq.impl.SchemaImpl");
                String polyref = "gen." + schema + "." + (clash ? "Polyref" : "") + base;
                if (base.equals("GenericTargets")) {
                    // one sealed interface per key with allowed targets: note.about
                    assertThat(loader.loadClass(polyref + "$NoteAbout").isSealed()).as(polyref).isTrue();
                } else {
                    assertThat((List<?>) loader.loadClass(polyref).getField("ALL").get(null)).as(polyref)
                            .isNotEmpty();
                }
            }
        }
        assertThat(loader.loadClass("gen.models.Models").getSuperclass().getName())
                .as("jOOQ's schema class is kept").isEqualTo("org.jooq.impl.SchemaImpl");
        assertThat(loader.loadClass("gen.models.PolyrefModels").getField("THING").get(null))
                .isInstanceOf(Model.class);
        assertThat((List<?>) loader.loadClass("gen.generic_relations.PolyrefGenericRelations").getField("ALL")
                .get(null)).as("about (1 target) and anything (every table of the four schemas)").hasSize(1 + 8);
    }

    /** Compiles every generated file against the test's class path (jOOQ and Polyref's runtime). */
    private static ClassLoader compile(Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("-encoding", "UTF-8", "-proc:none", "-nowarn", "-d",
                dir.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        assertThat(status).as("javac failed:%n%s", errors.toString(UTF_8)).isZero();
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, GeneratedNamesTest.class.getClassLoader());
    }

    private void generate(Path dir, String... schemas) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            Database database = new Database();
            for (String schema : schemas) {
                database.getSchemata().add(new SchemaMappingType().withInputSchema(schema));
            }
            tool.run(new Configuration().withLogging(Logging.WARN).withGenerator(new Generator()
                    .withName(PolyrefGenerator.class.getName())
                    .withDatabase(database)
                    .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString()))));
        }
    }
}
