package dev.polyref.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.jooq.impl.DSL.name;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.catalogue.Model;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.codegen.PolyrefGenerator;
import dev.polyref.generic.GenericKey;
import dev.polyref.generic.GenericRelation;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jooq.DSLContext;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 13: names in the database must never become code in the generated Java. Each test names a
 * schema, a table and a generic key's content-type column with one payload, declares a
 * generic key on them (so {@code Models}, {@code GenericKeys} and {@code GenericRelations} are all
 * generated), generates, compiles the sources with javac, initialises every generated class, and checks that
 * no payload ran and that the constants carry the exact database names.
 *
 * <p>Payloads that would run code set the system property {@value #MARKER} or throw from a static initialiser.
 */
@PolyrefTest
class CodegenInjectionTest {

    private static final String MARKER = "polyref.pwned";
    private static final String HOLDER = "holder";
    private static final String KEY = "holder_ref";

    private final DSLContext dsl;
    private final TestDatabase db;

    CodegenInjectionTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeEach
    @AfterEach
    void clearMarker() {
        System.clearProperty(MARKER);
    }

    @Test
    void javaConcatenationInAStringLiteral(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "x\" + java.lang.System.getProperty(\"user.name\") + \"");
    }

    @Test
    void javaConcatenationThatRunsCode(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "x\" + System.setProperty(\"" + MARKER + "\", \"concat\") + \"");
    }

    @Test
    void newlineFollowedByCode(@TempDir Path dir) throws Exception {
        // ends in a non-space: jOOQ trims the input schema's name
        assertNamesStayNames(dir, "a\r\nstatic { System.setProperty(\"" + MARKER + "\", \"nl\"); }\n//");
    }

    @Test
    void commentCloseFollowedByCode(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "*/ static { System.setProperty(\"" + MARKER + "\", \"c\"); } /*");
    }

    @Test
    void unicodeEscapedQuote(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "\\u0022 + System.setProperty(\"" + MARKER + "\", \"u\") + \\u0022");
    }

    @Test
    void unicodeEscapedCommentCloseIsRefused(@TempDir Path dir) throws Exception {
        // javac reads backslash-uu002f as '/': jOOQ's own Javadoc would end early and run the rest at class
        // initialisation, so generation stops with the table named (see JavadocGuard)
        String payload = "*\\uu002f static{if(1>0)throw new Error();}/*";
        createSchema(payload);
        try {
            assertThatThrownBy(() -> generate(dir, payload))
                    .isInstanceOf(MalformedDeclarationException.class)
                    .hasMessageContaining("contains a Unicode escape of '*' or '/'");
            assertThat(sources(dir)).as("nothing generated").isEmpty();
        } finally {
            dropSchema(payload);
        }
    }

    @Test
    void unicodeEscapedLineBreak(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "a\\u000a\\u000d b");
    }

    @Test
    void backslashes(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "back\\slash\\");
    }

    @Test
    void dollarQuotes(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "a$$b$$ $tag$");
    }

    @Test
    void sqlLineComment(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "a -- b");
    }

    @Test
    void unicodeLettersAndAnEmoji(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "ñandú 🦤");
    }

    @Test
    void sixtyThreeBytes(@TempDir Path dir) throws Exception {
        String name = "a".repeat(59) + "ñ" + "é";
        assertThat(name.getBytes(UTF_8)).hasSize(63);
        assertNamesStayNames(dir, name);
    }

    @Test
    void formatSpecifiers(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "100%s %n %1$s");
    }

    @Test
    void javadocMarkup(@TempDir Path dir) throws Exception {
        assertNamesStayNames(dir, "<b>{@link Object} @deprecated &amp;");
    }

    @Test
    void aLookAlikeEqualsOperatorOnTheSearchPathIsNotCalled(@TempDir Path dir) throws Exception {
        // As on databases older than PostgreSQL 15, an ordinary role may create objects in public, which is on
        // the path of whoever generates code: an exact-match text = varchar operator there is preferred to
        // pg_catalog's text = text wherever Polyref's or jOOQ's catalogue queries compare a name with a bound one
        createSchema("trapped");
        try (TestRoles roles = new TestRoles(db)) {
            TestRoles.Role mallory = roles.create("mallory");
            dsl.execute("grant create on schema public to " + mallory.quoted());
            DSLContext attacker = roles.connect(mallory);
            attacker.execute("create table public.trap_calls (n integer)");
            attacker.execute("grant insert on public.trap_calls to public");
            attacker.execute("""
                    create function public.trap_eq(a text, b varchar) returns boolean language sql as $$
                        insert into public.trap_calls values (1);
                        select a operator(pg_catalog.=) b::text
                    $$""");
            attacker.execute("create operator public.= (leftarg = text, rightarg = varchar, function = public.trap_eq)");

            generate(dir, "trapped");

            assertThat(dsl.fetchCount(dsl.selectFrom("public.trap_calls")))
                    .as("calls of the look-alike operator while generating").isZero();
            // the test kit's own queries are not written for a trapped path
            attacker.execute("drop operator public.= (text, varchar)");
            assertThat(roles.isSuperuser(mallory)).isFalse();
            dsl.execute("revoke create on schema public from " + mallory.quoted());
        } finally {
            dropSchema("trapped");
        }
    }

    /** Creates objects named {@code payload}, generates, compiles and loads, and checks the constants. */
    private void assertNamesStayNames(Path dir, String payload) throws Exception {
        createSchema(payload);
        try {
            generate(dir, payload);
            ClassLoader loader = compile(dir);
            initialiseEveryClass(dir, loader);
            assertThat(System.getProperty(MARKER)).as("a payload ran").isNull();
            assertConstants(loader, payload);
        } finally {
            dropSchema(payload);
        }
    }

    private void dropSchema(String payload) {
        dsl.execute("delete from polyref.generic_key where "
                + "(select n.nspname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.oid = table_name) = {0}", payload);
        dsl.execute("drop schema {0} cascade", name(payload));
        dsl.execute("delete from polyref.content_type where app_label = {0}", payload);
    }

    private void createSchema(String payload) {
        dsl.execute("create schema {0}", name(payload));
        dsl.execute("create table {0} (id bigint primary key)", name(payload, payload));
        dsl.execute("create table {0} (id bigint primary key, {1} integer references polyref.content_type (id), "
                + "object_id bigint)", name(payload, HOLDER), name(payload));
        assertThat(dsl.fetchValue("select pg_catalog.count(*) from pg_catalog.pg_class "
                + "where relname operator(pg_catalog.=) {0}::pg_catalog.name", payload))
                .as("the database kept the whole name").isEqualTo(1L);
        dsl.execute("select polyref.sync_content_types(array[{0}])", payload);
        dsl.execute("select polyref.declare_generic_key(pg_catalog.format('%I.%I', {0}, {1})::regclass, {2}, "
                        + "p_ct_column => {0}, p_allowed_targets => array[pg_catalog.format('%I.%I', {0}, {0})]"
                        + "::regclass[])",
                payload, HOLDER, KEY);
    }

    private void generate(Path dir, String schema) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            GenerationTool tool = new GenerationTool();
            tool.setConnection(c);
            tool.run(new Configuration().withLogging(Logging.WARN).withGenerator(new Generator()
                    .withName(PolyrefGenerator.class.getName())
                    // jOOQ's default includes, .*, skip names with line breaks
                    .withDatabase(new Database().withInputSchema(schema).withIncludes("(?s).*"))
                    .withGenerate(allRecords())
                    .withTarget(new Target().withPackageName("gen").withDirectory(dir.toString())
                            .withEncoding("UTF-8"))));
        }
    }

    /**
     * Record classes for every table. jOOQ 3.20 and later filter them with {@code <recordsIncludes>}, whose
     * default, {@code .*}, also skips names with line breaks; 3.19 has no such filter (and no such method).
     */
    private static Generate allRecords() throws Exception {
        try {
            return (Generate) Generate.class.getMethod("withRecordsIncludes", String.class)
                    .invoke(new Generate(), "(?s).*");
        } catch (NoSuchMethodException e) {
            return new Generate();
        }
    }

    private static ClassLoader compile(Path dir) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-encoding", "UTF-8", "-proc:none", "-nowarn",
                "-classpath", System.getProperty("java.class.path"), "-d", dir.toString()));
        arguments.addAll(sources(dir).stream().map(Path::toString).toList());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(status).as("javac failed on the generated sources:%n%s", errors.toString(UTF_8)).isZero();
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, CodegenInjectionTest.class.getClassLoader());
    }

    // Every static initialiser runs: an injected one would set the marker or throw
    private static void initialiseEveryClass(Path dir, ClassLoader loader) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String binaryName = dir.relativize(file).toString().replace(File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                Class.forName(binaryName, true, loader);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void assertConstants(ClassLoader loader, String payload) throws Exception {
        List<Model<?, ?>> types = (List<Model<?, ?>>) all(loader, "gen.Models");
        assertThat(types).extracting(Model::naturalKey)
                .containsExactlyInAnyOrder(NaturalKey.of(payload, payload), NaturalKey.of(payload, HOLDER));

        List<GenericKey<?, ?>> keys = (List<GenericKey<?, ?>>) all(loader, "gen.GenericKeys");
        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(key.name()).isEqualTo(KEY);
            assertThat(key.contentTypeField().getName()).isEqualTo(payload);
            assertThat(key.allowedTargets()).extracting(Model::naturalKey)
                    .containsExactly(NaturalKey.of(payload, payload));
        });

        List<GenericRelation<?, ?>> relations = (List<GenericRelation<?, ?>>) all(loader, "gen.GenericRelations");
        assertThat(relations).singleElement().satisfies(relation -> {
            assertThat(relation.parent().naturalKey()).isEqualTo(NaturalKey.of(payload, payload));
            assertThat(relation.key()).isSameAs(keys.get(0));
        });
        assertThat(dsl.fetch("select app_label, model from polyref.content_type where app_label = {0}", payload)
                .map(r -> NaturalKey.of(r.get(0, String.class), r.get(1, String.class))))
                .containsExactlyInAnyOrderElementsOf(types.stream().map(Model::naturalKey).toList());
    }

    private static List<?> all(ClassLoader loader, String className) throws Exception {
        return (List<?>) Class.forName(className, true, loader).getField("ALL").get(null);
    }

    private static List<Path> sources(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
