package dev.polyref.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The migrations of one template database: Flyway locations and schemas. Equal sets share a template, so a
 * suite whose classes all use the same migrations migrates once.
 */
record MigrationSet(List<String> locations, List<String> schemas) {

    /** The suite-wide configuration file, at the root of the test class path. */
    static final String PROPERTIES = "polyref-test.properties";
    /** Flyway's own default location. */
    static final String DEFAULT_LOCATION = "classpath:db/migration";

    MigrationSet {
        locations = List.copyOf(locations);
        schemas = List.copyOf(schemas);
    }

    /** @return the set for a test class: its annotation, else the properties file, else Flyway's defaults */
    static MigrationSet forTestClass(Class<?> testClass) {
        PolyrefTest annotation = annotation(testClass);
        if (annotation != null && (annotation.locations().length > 0 || annotation.schemas().length > 0)) {
            return of(Arrays.asList(annotation.locations()), Arrays.asList(annotation.schemas()));
        }
        Properties properties = properties(testClass.getClassLoader());
        return of(list(properties.getProperty("locations")), list(properties.getProperty("schemas")));
    }

    static MigrationSet of(List<String> locations, List<String> schemas) {
        return new MigrationSet(locations.isEmpty() ? List.of(DEFAULT_LOCATION) : locations, schemas);
    }

    /** Looks on the class, its superclasses (base test classes) and, for {@code @Nested} classes, outwards. */
    private static @Nullable PolyrefTest annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                var found = AnnotationSupport.findAnnotation(k, PolyrefTest.class);
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        return null;
    }

    private static Properties properties(@Nullable ClassLoader loader) {
        Properties properties = new Properties();
        ClassLoader effective = loader != null ? loader : ClassLoader.getSystemClassLoader();
        try (InputStream in = effective.getResourceAsStream(PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PROPERTIES, e);
        }
        return properties;
    }

    static List<String> list(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return String.join(",", locations) + (schemas.isEmpty() ? "" : " (schemas " + String.join(",", schemas) + ")");
    }
}
