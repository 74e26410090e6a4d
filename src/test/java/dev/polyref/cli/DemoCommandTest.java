package dev.polyref.cli;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README command 1: the demo, run with the arguments the README gives, on its own embedded PostgreSQL. */
class DemoCommandTest {

    @Test
    void theReadmesFirstCommandRunsTheDemo() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher first = Pattern.compile("```bash\\n(mvn [^\\n#]*?)\\s*#").matcher(readme);
        assertThat(first.find()).as("README starts with a mvn command").isTrue();
        String command = first.group(1);
        assertThat(command).contains("exec:java");
        Matcher args = Pattern.compile("-Dexec\\.args=(\\S+)").matcher(command);
        assertThat(args.find()).as(command).isTrue();
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<exec.mainClass>" + Main.class.getName() + "</exec.mainClass>");

        Cli.Result result = polyref().run(args.group(1).split(","));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out())
                .contains("1. Migrate", "The catalogue has 11 content types (one per table), read in 1 statement.")
                .containsPattern("Applied \\d+ Polyref migrations \\(schema polyref, its own history table\\)")
                .contains("   Applied 2 application migrations (schema example), now at version 2.")
                .contains("2. Integrity: PostgreSQL now enforces")
                .contains("10 activities and 6 tags")
                .containsPattern("bob +uploaded +video \"Cats in space\" \\(uploaded by bob\\)")
                .containsPattern("alice +followed +user bob")
                .contains("10 activities pointing at 5 content types (bookmark, post, song, users, video), "
                        + "loaded in 8 statements:")
                .contains("5 for the targets (one per content type, never one per row)")
                .contains("would take 17")
                .contains("6 tags loaded in 5 statements.")
                .contains("activities 10 -> 7, tags 6 -> 4.")
                .contains("7 activities pointing at 5 content types");
        String after = result.out().substring(result.out().indexOf("The feed now:"));
        assertThat(after).doesNotContain("Cats in space");
    }
}
