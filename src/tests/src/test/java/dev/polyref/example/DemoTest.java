package dev.polyref.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README command 1: the demo, run as the README's command runs it, on its own embedded PostgreSQL. */
class DemoTest {

    @Test
    void theReadmesFirstCommandRunsTheDemo() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher first = Pattern.compile("```bash\\n(mvn [^\\n#]*?)\\s*#").matcher(readme);
        assertThat(first.find()).as("README starts with a mvn command").isTrue();
        assertThat(first.group(1)).contains("exec:java");
        String pom = Files.readString(Path.of("src/example/pom.xml"));
        assertThat(pom).contains("<mainClass>" + DemoMain.class.getName() + "</mainClass>");

        StringWriter printed = new StringWriter();
        DemoMain.run(new PrintWriter(printed, true));
        String out = printed.toString();

        assertThat(out)
                .contains("1. Migrate", "The catalogue has 15 content types (one per table), read in 1 statement.")
                .contains("   Applied 5 example migrations (schema example), now at version 5;")
                .contains("2. Integrity: PostgreSQL now enforces")
                .contains("10 activities and 6 tags")
                .containsPattern("bob +uploaded +video \"Cats in space\" \\(uploaded by bob\\)")
                .containsPattern("alice +followed +user bob")
                .contains("10 activities pointing at 5 content types (bookmark, post, song, users, video), "
                        + "loaded in 8 statements:")
                .contains("5 for the targets (one per content type, never one per row)")
                .contains("would take 17")
                .contains("6 tags loaded in 5 statements.")
                .containsPattern("activity.fetchTarget\\(polyref\\) +video \"Cats in space\", in 1 statement")
                .containsPattern("video.countActivityByTarget\\(polyref\\) +3 activities on \"Cats in space\", "
                        + "in 1 statement")
                .contains("activityDao.findAll())   6 targets in 6 statements (1 + 1 per content type)")
                .contains("activities 10 -> 7, tags 6 -> 4.")
                .contains("7 activities pointing at 5 content types");
        String after = out.substring(out.indexOf("The feed now:"));
        assertThat(after).doesNotContain("Cats in space");
    }
}
