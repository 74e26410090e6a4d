package dev.polyref.spring.test;

import dev.polyref.testing.PolyrefDatabaseExtension;
import dev.polyref.testing.TestDatabase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands the test kit's database of a {@link PolyrefSpringBootTest} class to the Spring context that the class's
 * tests load later: JUnit runs this after {@link PolyrefDatabaseExtension} created the database and before
 * Spring's extension loads the context, which reads it in {@link PolyrefTestDatabaseCustomizerFactory}.
 */
final class PolyrefSpringBootTestExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Map<Class<?>, TestDatabase> DATABASES = new ConcurrentHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase db = PolyrefDatabaseExtension.findDatabase(context).orElseThrow(() -> new IllegalStateException(
                "@PolyrefSpringBootTest on " + context.getRequiredTestClass().getName()
                        + ": the test kit made no database (is PolyrefDatabaseExtension registered?)"));
        DATABASES.put(context.getRequiredTestClass(), db);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DATABASES.remove(context.getRequiredTestClass());
    }

    /** @return the database of a test class whose {@code beforeAll} has run, or null */
    static @Nullable TestDatabase database(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            TestDatabase db = DATABASES.get(c);
            if (db != null) {
                return db;
            }
        }
        return null;
    }
}
