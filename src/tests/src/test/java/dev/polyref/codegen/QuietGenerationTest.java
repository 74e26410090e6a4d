package dev.polyref.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when code generation runs: jOOQ's GenerationTool in a fresh JVM, as jooq-codegen-maven runs it,
 * with slf4j-simple at INFO (the logger Maven's own output uses, at Maven's level) and only the system properties of
 * this repository's {@code .mvn/jvm.config} (jOOQ prints its banner and tip before any Polyref class loads, so only
 * those turn them off). Polyref's generator and database must keep out the embedded PostgreSQL's initdb/pg_ctl
 * transcript, Flyway's progress lines and the result tables of selects in migrations, and Polyref's catalogue sync
 * lines; jOOQ's own INFO lines still show (the configuration sets no {@code <logging>}), which proves INFO output
 * reaches the captured stream.
 */
class QuietGenerationTest {

    /** Text that only the noise contains. */
    private static final List<String> NOISE = List.of(
            // jOOQ's banner (its code generator's own "Thank you for using jOOQ and jOOQ's code generator" stays)
            "@@@@@@@@@@", "Thank you for using jOOQ 3.", "tip of the day", "Don't want tips", "org.jooq.no-tips",
            // zonky: initdb and pg_ctl transcript, start-up lines
            "initdb", "The files belonging to this database system", "Success. You can now start", "pg_ctl",
            "postmaster", "io.zonky", "Detected a Linux",
            // Flyway
            "Flyway OSS", "Redgate", "Successfully applied", "Successfully validated", "Migrating schema",
            "Creating Schema History table", "org.flywaydb",
            // The select in V3 below: a result table has its column name and value
            "noisy_marker", "visible-in-a-result-table", "+---",
            // Polyref's catalogue sync
            "Adding content type");

    @Test
    void generationPrintsNoBannerTranscriptOrMigrationOutputAndSaysWhenItSkips(@TempDir Path work) throws Exception {
        Path migrations = Files.createDirectories(work.resolve("migrations"));
        for (String name : List.of("V1__example_schema.sql", "V2__generic_keys.sql")) {
            Files.copy(Path.of("migrations/example", name), migrations.resolve(name));
        }
        Files.writeString(migrations.resolve("V3__select.sql"),
                "select 42 as noisy_marker, 'visible-in-a-result-table' as label;\n");
        Path config = work.resolve("codegen.xml");
        Files.writeString(config, configuration(migrations, work.resolve("generated")));

        String first = runGenerationTool(work, config);

        assertThat(work.resolve("generated/gen/Models.java")).exists();
        assertThat(first).as("jOOQ's own INFO lines show, so INFO reaches this output")
                .contains("Generating table");
        for (String noise : NOISE) {
            assertThat(first).as("generation output").doesNotContainIgnoringCase(noise);
        }

        assertThat(first).contains("Migrating embedded PostgreSQL");

        String second = runGenerationTool(work, config);

        assertThat(second).as("PostgreSQL started although nothing changed").doesNotContain("Migrating embedded");

        assertThat(second.lines().filter(line -> line.contains("Polyref: skipping jOOQ code generation")))
                .as("one line saying why nothing was generated, in:%n%s", second).hasSize(1);
        for (String noise : NOISE) {
            assertThat(second).doesNotContainIgnoringCase(noise);
        }
    }

    private static String configuration(Path migrations, Path target) {
        return """
                <configuration xmlns="http://www.jooq.org/xsd/jooq-codegen-3.19.0.xsd">
                  <generator>
                    <name>dev.polyref.codegen.PolyrefGenerator</name>
                    <database>
                      <name>dev.polyref.codegen.MigratedPostgresDatabase</name>
                      <inputSchema>example</inputSchema>
                      <excludes>flyway_schema_history</excludes>
                      <properties>
                        <property><key>locations</key><value>filesystem:%s</value></property>
                        <property><key>schemas</key><value>example</value></property>
                      </properties>
                    </database>
                    <target>
                      <packageName>gen</packageName>
                      <directory>%s</directory>
                    </target>
                  </generator>
                </configuration>
                """.formatted(migrations, target);
    }

    /** Runs GenerationTool in a new JVM with this test's class path; returns its standard output and error. */
    private static String runGenerationTool(Path work, Path config) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                // Maven's level; overrides the suite's simplelogger.properties (warn), which is on this class path
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
        // What Maven's JVM gets in this repository
        command.addAll(List.of(Files.readString(Path.of(".mvn/jvm.config")).trim().split("\\s+")));
        command.addAll(List.of("org.jooq.codegen.GenerationTool", config.toString()));
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("GenerationTool finished").isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("GenerationTool's exit code; output:%n%s", text).isZero();
        return text;
    }
}
