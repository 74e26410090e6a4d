package dev.polyref.codegen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polyref's generator on whichever jOOQ line the suite runs (docs/compatibility.md): its overrides of jOOQ's
 * {@code JavaGenerator} are plain methods, so a hook renamed in a later jOOQ would be skipped silently when
 * Polyref's classes were compiled against an earlier one. Here the classes it adds must exist and compile
 * against the jOOQ on the class path.
 */
@PolyrefTest
class JooqLinesTest {

    private final TestDatabase db;

    JooqLinesTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void runsOnTheJooqVersionTheBuildAskedFor() throws Exception {
        // the build passes the version whose jars it put on the test class path (jooq.runtime.version)
        String expected = System.getProperty("polyref.test.jooq.version", "");
        assumeThat(expected).as("run from an IDE without the build's properties").isNotBlank();
        assertThat(runtimeJooqVersion()).isEqualTo(expected);
    }

    @Test
    void polyrefsClassesAreGeneratedAndCompileAgainstThisJooq(@TempDir Path dir) throws Exception {
        generate(dir, new Database().withInputSchema("example"), new Generate());

        for (String polyrefClass : List.of("Models", "GenericKeys", "GenericRelations")) {
            assertThat(dir.resolve("gen/" + polyrefClass + ".java")).as("jOOQ %s ran Polyref's hook",
                    runtimeJooqVersion()).exists();
        }
        ClassLoader loader = compile(dir);
        // the same constants as the build's own generated example code
        assertThat(all(loader, "gen.Models")).hasSameSizeAs(dev.polyref.example.db.Models.ALL);
        assertThat(all(loader, "gen.GenericKeys")).hasSameSizeAs(dev.polyref.example.db.GenericKeys.ALL);
        assertThat(all(loader, "gen.GenericRelations")).hasSameSizeAs(dev.polyref.example.db.GenericRelations.ALL);
    }

    @Test
    void aTableJooqGeneratesNoRecordForCannotBeAnAllowedTarget(@TempDir Path dir) throws Exception {
        // jOOQ 3.20 added <recordsExcludes>; 3.19 generates a record class for every table
        Method recordsExcludes = recordsFilter("withRecordsExcludes");
        assumeThat(recordsExcludes).as("jOOQ %s has no <recordsExcludes>", runtimeJooqVersion()).isNotNull();
        db.dsl().execute("create schema norec");
        db.dsl().execute("create table norec.target (id bigint primary key)");
        db.dsl().execute("create table norec.holder (id bigint primary key, "
                + "content_type_id integer references polyref.content_type (id), object_id bigint)");
        db.dsl().execute("select polyref.sync_content_types(array['norec'])");
        db.dsl().execute("select polyref.declare_generic_key('norec.holder', 'target', "
                + "p_allowed_targets => array['norec.target']::regclass[])");
        Generate generate = (Generate) recordsExcludes.invoke(new Generate(), "norec\\.target");

        assertThatThrownBy(() -> generate(dir, new Database().withInputSchema("norec"), generate))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageContaining("allows target norec.target, which has no Models constant")
                .hasMessageContaining("jOOQ generates no record class for it");
    }

    /** {@code Generate.withRecordsIncludes} or {@code withRecordsExcludes} where this jOOQ has them, else null. */
    static Method recordsFilter(String name) {
        try {
            return Generate.class.getMethod(name, String.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The jOOQ on the class path, read at run time: the compiled-in constant is the compile-time version. */
    static String runtimeJooqVersion() throws Exception {
        return (String) org.jooq.Constants.class.getField("VERSION").get(null);
    }

    private void generate(Path dir, Database database, Generate generate) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            tool.run(new Configuration().withLogging(Logging.WARN).withGenerator(new Generator()
                    .withName(PolyrefGenerator.class.getName())
                    .withDatabase(database)
                    .withGenerate(generate)
                    .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString()))));
        }
    }

    private static ClassLoader compile(Path dir) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-encoding", "UTF-8", "-proc:none", "-nowarn",
                "-classpath", System.getProperty("java.class.path"), "-d", dir.toString()));
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(status).as("javac failed on the generated sources:%n%s", errors.toString(UTF_8)).isZero();
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, JooqLinesTest.class.getClassLoader());
    }

    private static List<?> all(ClassLoader loader, String className) throws Exception {
        return (List<?>) Class.forName(className, true, loader).getField("ALL").get(null);
    }
}
