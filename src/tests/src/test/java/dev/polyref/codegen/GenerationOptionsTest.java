package dev.polyref.codegen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything Polyref generates for the example schema compiles without a single warning ({@code -Xlint:all
 * -Werror}) with jOOQ's common options on or off: DAOs, POJOs (mutable, immutable, Java records), records,
 * fluent setters and interfaces.
 */
@PolyrefTest
class GenerationOptionsTest {

    private final TestDatabase db;

    GenerationOptionsTest(TestDatabase db) {
        this.db = db;
    }

    static Stream<Arguments> options() {
        return Stream.of(
                options("jOOQ's defaults", g -> g),
                options("daos, pojos, fluent setters, interfaces",
                        g -> g.withDaos(true).withPojos(true).withFluentSetters(true).withInterfaces(true)),
                options("daos, immutable pojos, interfaces",
                        g -> g.withDaos(true).withImmutablePojos(true).withInterfaces(true)),
                options("daos, pojos as Java records", g -> g.withDaos(true).withPojosAsJavaRecordClasses(true)),
                options("daos, plain setters, java.time", g -> g.withDaos(true).withPojos(true).withFluentSetters(false)
                        .withJavaTimeTypes(true)),
                options("no records, pojos", g -> g.withRecords(false).withPojos(true)));
    }

    private static Arguments options(String name, UnaryOperator<Generate> options) {
        return Arguments.of(name, options);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void theExampleCompilesWithoutWarnings(String name, UnaryOperator<Generate> options, @TempDir Path dir)
            throws Exception {
        generate(dir, options.apply(new Generate()));
        List<String> generated;
        try (Stream<Path> files = Files.walk(dir)) {
            generated = files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
        // without records, no table gets a typed constant (jOOQ's tables are then of org.jooq.Record)
        assertThat(generated).contains("gen/GenericKeys.java");
        assertThat(generated.contains("gen/GenericTargets.java")).isEqualTo(!name.startsWith("no records"));
        if (name.contains("daos")) {
            assertThat(Files.readString(dir.resolve("gen/tables/daos/ActivityDao.java"))).contains("fetchByTarget(");
        }

        List<String> args = new ArrayList<>(List.of("-encoding", "UTF-8", "-proc:none", "-Xlint:all", "-Werror",
                "-d", dir.toString(), "-cp", classPath()));
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, out, out, args.toArray(String[]::new));
        assertThat(out.toString(UTF_8)).as("javac's output").isEmpty();
        assertThat(status).isZero();
    }

    /** The test's class path without missing entries, which javac would warn about. */
    private static String classPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> Files.exists(Path.of(p))).collect(Collectors.joining(File.pathSeparator));
    }

    private void generate(Path dir, Generate generate) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            tool.run(new Configuration().withLogging(Logging.WARN).withGenerator(new Generator()
                    .withName(PolyrefGenerator.class.getName())
                    .withDatabase(new Database().withSchemata(new SchemaMappingType().withInputSchema("example")).withExcludes("flyway_schema_history"))
                    .withGenerate(generate)
                    .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString()))));
        }
    }
}
