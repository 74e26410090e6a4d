package dev.polyref.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start cannot drift from src/quickstart, the sample service that {@code mvn verify} builds
 * (maven-invoker-plugin in src/tests/pom.xml). Each code block of the quick start is marked with the sample
 * file it shows:
 * <ul>
 *   <li>{@code <!-- quickstart-file: PATH -->}: the block is the whole file;</li>
 *   <li>{@code <!-- quickstart-part: PATH -->}: the block's lines appear in the file in a row (indentation
 *       aside), for excerpts of the sample's pom.</li>
 * </ul>
 */
class QuickStartDriftTest {

    private static final Pattern MARKED_BLOCK = Pattern.compile(
            "<!-- quickstart-(file|part): (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    record Block(String kind, String path, String text) {}

    static List<Block> blocks(String readme) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = MARKED_BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2), m.group(3)));
        }
        return blocks;
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void theQuickStartShowsTheSamplesPomMigrationAndTest() throws IOException {
        assertThat(blocks(readme())).extracting(Block::path).contains(
                "src/quickstart/pom.xml",
                "src/quickstart/src/main/resources/db/migration/V1__tags.sql",
                "src/quickstart/src/test/java/com/example/QuickStartTest.java");
    }

    @Test
    void everyMarkedBlockIsWhatTheSampleHolds() throws IOException {
        for (Block block : blocks(readme())) {
            String file = Files.readString(Path.of(block.path()));
            if (block.kind().equals("file")) {
                assertThat(block.text() + "\n").as("README block for %s", block.path()).isEqualTo(file);
            } else {
                assertThat(inARow(trimmedLines(file), trimmedLines(block.text())))
                        .as("README block for %s, line for line in the file:%n%s", block.path(), block.text())
                        .isTrue();
            }
        }
    }

    @Test
    void theSampleUsesThisBuildsVersions() throws IOException {
        String root = Files.readString(Path.of("pom.xml"));
        String sample = Files.readString(Path.of("src/quickstart/pom.xml"));
        String version = first(root, "<artifactId>polyref-parent</artifactId>\\s*<version>([^<]+)</version>");
        String jooq = first(root, "<jooq.version>([^<]+)</jooq.version>");
        assertThat(sample).contains("<version>" + version + "</version>");
        // Code generation needs one plugin dependency: polyref-codegen brings the generator, jOOQ and PostgreSQL
        String pluginDependencies = first(sample, "(?s)</executions>\\s*<dependencies>(.*?)</dependencies>");
        assertThat(pluginDependencies.split("<dependency>", -1)).hasSize(2);
        assertThat(pluginDependencies).contains("<artifactId>polyref-codegen</artifactId>");
        assertThat(first(sample, "<artifactId>jooq-codegen-maven</artifactId>\\s*<version>([^<]+)</version>"))
                .isEqualTo(jooq);
        assertThat(readme()).contains("`mvn -B install -DskipTests`");
    }

    @Test
    void aChangedSampleLineIsCaught() {
        List<String> file = trimmedLines("<a>\n  <b>1</b>\n  <c>2</c>\n</a>");
        assertThat(inARow(file, trimmedLines("<b>1</b>\n<c>2</c>"))).isTrue();
        assertThat(inARow(file, trimmedLines("<b>1</b>\n<c>3</c>"))).isFalse();
        assertThat(inARow(file, trimmedLines("<a>\n<c>2</c>"))).isFalse();
        assertThat(blocks("<!-- quickstart-file: x/y.sql -->\n```sql\nselect 1;\n```\n"))
                .containsExactly(new Block("file", "x/y.sql", "select 1;"));
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in%n%s", regex, text).isTrue();
        return m.group(1);
    }

    static List<String> trimmedLines(String text) {
        return text.lines().map(String::strip).toList();
    }

    static boolean inARow(List<String> file, List<String> block) {
        for (int start = 0; start + block.size() <= file.size(); start++) {
            if (file.subList(start, start + block.size()).equals(block)) {
                return true;
            }
        }
        return false;
    }
}
