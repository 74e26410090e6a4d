package dev.polyref.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which migrations a test class gets: its annotation, else polyref-test.properties, else Flyway's default. */
class MigrationSetTest {

    @PolyrefTest(locations = {"classpath:a", "filesystem:b"}, schemas = {"app", "audit"})
    static class Annotated {}

    static class Inheriting extends Annotated {}

    @PolyrefTest
    static class Plain {}

    @Test
    void theAnnotationWins() {
        assertThat(MigrationSet.forTestClass(Annotated.class))
                .isEqualTo(new MigrationSet(List.of("classpath:a", "filesystem:b"), List.of("app", "audit")));
    }

    @Test
    void aSubclassUsesItsBaseClassesAnnotation() {
        assertThat(MigrationSet.forTestClass(Inheriting.class)).isEqualTo(MigrationSet.forTestClass(Annotated.class));
    }

    @Test
    void withoutAttributesTheSuitesPropertiesFileApplies() {
        // src/tests/src/test/resources/polyref-test.properties: the example application
        assertThat(MigrationSet.forTestClass(Plain.class)).isEqualTo(
                new MigrationSet(List.of("classpath:dev/polyref/example/migrations"), List.of("example")));
    }

    @Test
    void withNothingConfiguredFlywaysDefaultLocation() {
        assertThat(MigrationSet.of(List.of(), List.of()))
                .isEqualTo(new MigrationSet(List.of("classpath:db/migration"), List.of()));
    }

    @Test
    void listsAreCommaSeparatedAndTrimmed() {
        assertThat(MigrationSet.list(" classpath:a , filesystem:b,,")).containsExactly("classpath:a", "filesystem:b");
        assertThat(MigrationSet.list(null)).isEmpty();
        assertThat(MigrationSet.list("  ")).isEmpty();
    }
}
