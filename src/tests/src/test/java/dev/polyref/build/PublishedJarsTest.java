package dev.polyref.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.polyref.PolyrefException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the published artifacts hold: the jars {@code mvn verify} packaged in each module's target/ before this
 * module's tests run. The example application never ships; the runtime carries Polyref's migrations; every jar
 * has its Automatic-Module-Name and sources and Javadoc jars beside it.
 *
 * <p>Under {@code mvn test} nothing is packaged (this build's classes come from target/classes), so the test is
 * skipped with that reason printed; {@code mvn verify} runs it. {@code -Dpolyref.quick} builds no sources or
 * Javadoc jars, so only that part is skipped then.
 */
class PublishedJarsTest {

    enum Published {
        RUNTIME("src/runtime", "polyref", "dev.polyref"),
        CODEGEN("codegen", "polyref-codegen", "dev.polyref.codegen"),
        TEST_KIT("src/test-kit", "polyref-test", "dev.polyref.testing"),
        CLI("src/cli", "polyref-cli", "dev.polyref.cli"),
        SPRING_BOOT_STARTER("src/spring-boot-starter", "polyref-spring-boot-starter", "dev.polyref.spring");

        final Path target;
        final String artifactId;
        final String moduleName;

        Published(String module, String artifactId, String moduleName) {
            this.target = Path.of(module, "target");
            this.artifactId = artifactId;
            this.moduleName = moduleName;
        }

        /** @return target/ARTIFACT-VERSION[-CLASSIFIER].jar, if packaged */
        Optional<Path> jar(String classifier) {
            String suffix = classifier.isEmpty() ? ".jar" : "-" + classifier + ".jar";
            try (Stream<Path> files = Files.list(target)) {
                return files.filter(f -> {
                    String name = f.getFileName().toString();
                    String version = name.startsWith(artifactId + "-") && name.endsWith(suffix)
                            ? name.substring(artifactId.length() + 1, name.length() - suffix.length()) : "";
                    return version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
                }).findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    @BeforeAll
    static void onlyAfterPackaging() throws URISyntaxException {
        Path runtime = Path.of(PolyrefException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        boolean packaged = runtime.toString().endsWith(".jar")
                && runtime.toAbsolutePath().startsWith(Path.of("src/runtime/target").toAbsolutePath());
        String reason = "PublishedJarsTest skipped: Polyref's classes come from " + runtime
                + ", not from jars this build packaged (run mvn verify)";
        if (!packaged) {
            System.out.println("[polyref-tests] " + reason);
        }
        assumeTrue(packaged, reason);
    }

    @ParameterizedTest
    @EnumSource(Published.class)
    void neverShipsTheExampleApplication(Published module) throws IOException {
        List<String> exampleMigrations = exampleMigrations();
        for (String classifier : List.of("", "sources")) {
            Optional<Path> jar = module.jar(classifier);
            if (jar.isEmpty() && !classifier.isEmpty()) {
                continue; // -Dpolyref.quick: checked by hasSourcesAndJavadocJars
            }
            assertThat(entries(jar.orElseThrow(() -> new AssertionError(module.artifactId + " jar missing"))))
                    .as("%s", jar.get())
                    .isNotEmpty()
                    .noneMatch(e -> e.startsWith("dev/polyref/example/"))
                    .noneMatch(e -> exampleMigrations.contains(e.substring(e.lastIndexOf('/') + 1)));
        }
    }

    @ParameterizedTest
    @EnumSource(Published.class)
    void hasItsAutomaticModuleName(Published module) throws IOException {
        try (JarFile jar = new JarFile(module.jar("").orElseThrow().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo(module.moduleName);
        }
    }

    @ParameterizedTest
    @EnumSource(Published.class)
    void hasSourcesAndJavadocJars(Published module) throws IOException {
        boolean quick = Boolean.getBoolean("polyref.tests.quick");
        if (quick && module.jar("sources").isEmpty()) {
            String reason = "-Dpolyref.quick builds no sources or Javadoc jars";
            System.out.println("[polyref-tests] " + module.artifactId + ": " + reason);
            assumeTrue(false, reason);
        }
        assertThat(module.jar("sources")).as("%s sources jar", module.artifactId).isPresent();
        assertThat(entries(module.jar("sources").orElseThrow())).anyMatch(e -> e.endsWith(".java"));
        if (Boolean.getBoolean("polyref.tests.javadoc.skipped")) {
            String reason = "-Pjooq-3.21 builds no Javadoc jar (the published Javadoc is built on jOOQ 3.19)";
            System.out.println("[polyref-tests] " + module.artifactId + ": " + reason);
            assumeTrue(false, reason);
        }
        assertThat(module.jar("javadoc")).as("%s javadoc jar", module.artifactId).isPresent();
        assertThat(entries(module.jar("javadoc").orElseThrow())).contains("index.html");
    }

    @org.junit.jupiter.api.Test
    void theRuntimeCarriesPolyrefsMigrations() throws IOException {
        List<String> expected;
        try (Stream<Path> files = Files.list(Path.of("migrations/polyref"))) {
            expected = files.map(f -> "dev/polyref/migrations/" + f.getFileName()).sorted().toList();
        }
        assertThat(expected).isNotEmpty();
        assertThat(entries(Published.RUNTIME.jar("").orElseThrow()))
                .filteredOn(e -> e.startsWith("dev/polyref/migrations/") && e.endsWith(".sql"))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> exampleMigrations() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("migrations/example"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertThat(names).isNotEmpty();
            return names;
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).toList();
        }
    }
}
