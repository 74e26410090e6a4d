package dev.polyref.codegen;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The escaping of names into generated Java, checked by compiling what it writes with javac. */
class JavaTextTest {

    // Written with escapes so this file itself stays plain: the backslash-u cases are six or seven characters
    private static final List<String> NASTY = List.of(
            "x\" + java.lang.System.getProperty(\"user.name\") + \"",
            "\\u0022", "\\uu0022", "\\\\u0022", "\\u000a", "\\u002a/", "*\\u002F", "trailing\\",
            "line\nbreak\r\n", "tab\tbell\u0007nul\u0000esc\u001bdel\u007f",
            "*/ static {} /*", "/* open", "@deprecated {@link Object} <b>&amp;",
            "%s %n %1$s", "$$ -- ;", "ñandú 🦤", "rtl\u202eltr\u2028sep\ufeff", "");

    @Test
    void literalsCompileToExactlyTheName(@TempDir Path dir) throws Exception {
        String values = NASTY.stream().map(JavaText::literal).collect(Collectors.joining(",\n        "));
        Class<?> compiled = compile(dir, "Literals", "public class Literals {\n"
                + "    public static final String[] VALUES = {\n        " + values + "\n    };\n}\n");

        assertThat((String[]) compiled.getField("VALUES").get(null)).containsExactlyElementsOf(NASTY);
    }

    @Test
    void literalsArePrintableAsciiOnOneLine() {
        for (String name : NASTY) {
            assertThat(JavaText.literal(name).chars()).as(name).allMatch(c -> c >= 0x20 && c <= 0x7e);
        }
        assertThat(JavaText.literal("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void javadocHoldsAnyNameAndDisplaysItExactly(@TempDir Path dir) throws Exception {
        StringBuilder source = new StringBuilder("public class Documented {\n");
        for (int i = 0; i < NASTY.size(); i++) {
            String text = JavaText.javadoc(NASTY.get(i));
            assertThat(text).as(NASTY.get(i)).doesNotContain("*", "/", "\\", "@", "{", "}", "<", ">", "\n", "\r")
                    .matches("[\\x20-\\x7e]*");
            assertThat(decodeEntities(text)).isEqualTo(NASTY.get(i));
            source.append("    /** The name <code>").append(text).append("</code>. */\n")
                    .append("    public static final int F").append(i).append(" = ").append(i).append(";\n");
        }
        Class<?> compiled = compile(dir, "Documented", source.append("}\n").toString());

        assertThat(compiled.getDeclaredFields()).as("nothing but the fields: no comment was ended early")
                .hasSize(NASTY.size());
        assertThat(compiled.getDeclaredMethods()).isEmpty();
    }

    @Test
    void identifiersAreValidJavaNames() {
        assertThat(JavaText.identifier("VIDEO__TAGGED_ITEM_CONTENT_OBJECT"))
                .isEqualTo("VIDEO__TAGGED_ITEM_CONTENT_OBJECT");
        assertThat(JavaText.identifier("class")).isEqualTo("class_");
        assertThat(JavaText.identifier("1A")).isEqualTo("_1A");
        assertThat(JavaText.identifier("A B")).isEqualTo("A_20B");
        for (String name : NASTY) {
            assertThat(SourceVersion.isName(JavaText.identifier(name))).as(name).isTrue();
        }
    }

    private static String decodeEntities(String html) {
        Matcher m = Pattern.compile("&#(\\d+);").matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }

    private static Class<?> compile(Path dir, String className, String source) throws Exception {
        Path file = Files.writeString(dir.resolve(className + ".java"), source, UTF_8);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "-encoding", "UTF-8",
                "-proc:none", "-d", dir.toString(), file.toString());
        assertThat(status).as("javac failed:%n%s%n%s", errors.toString(UTF_8), source).isZero();
        return Class.forName(className, true, new URLClassLoader(new URL[] {dir.toUri().toURL()}));
    }
}
