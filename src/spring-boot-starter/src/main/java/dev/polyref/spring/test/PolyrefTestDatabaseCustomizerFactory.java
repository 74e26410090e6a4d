package dev.polyref.spring.test;

import dev.polyref.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a {@link PolyrefSpringBootTest} class's application context at its test kit database. One customizer per
 * test class, so each class gets a context of its own (its database is its own).
 */
final class PolyrefTestDatabaseCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer(testClass);
    }

    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase db = PolyrefSpringBootTestExtension.database(testClass);
            if (db == null) {
                throw new IllegalStateException("No test kit database for " + testClass.getName()
                        + ": @PolyrefSpringBootTest's context is loaded by JUnit tests only");
            }
            // First in line: over application.properties, like @DynamicPropertySource
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
                    "polyrefTestDatabase", Map.of(
                            "spring.datasource.url", db.jdbcUrl(),
                            "spring.datasource.username", db.user(),
                            "spring.datasource.password", db.password(),
                            // The copy is migrated already (Polyref's schema and catalogue too)
                            "spring.flyway.enabled", "false")));
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Customizer c && Objects.equals(c.testClass, testClass);
        }

        @Override
        public int hashCode() {
            return testClass.hashCode();
        }
    }
}
