package dev.polyref.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test class with a migrated PostgreSQL database of its own, injected as a {@link TestDatabase}
 * parameter (constructor, lifecycle or test method).
 *
 * <p>Your Flyway migrations run once per test run into a template database, together with Polyref's schema
 * and catalogue (through {@link dev.polyref.migration.PolyrefMigrations#callback()}); each test class then gets a
 * copy ({@code CREATE DATABASE ... TEMPLATE}), which takes milliseconds instead of a migration.
 *
 * <pre>{@code
 * @PolyrefTest(locations = "classpath:db/migration", schemas = "app")
 * class TaggingTest {
 *     @Test
 *     void tagsAVideo(TestDatabase db) {
 *         db.assertStatements(1, () -> db.dsl().insertInto(TAGGED_ITEM)...execute());
 *     }
 * }
 * }</pre>
 *
 * <p>Which migrations, first match wins:
 * <ol>
 *   <li>this annotation's {@link #locations()} and {@link #schemas()} (on the class, a superclass or an
 *       enclosing class);</li>
 *   <li>a {@code polyref-test.properties} at the root of the test class path, for a whole suite:
 *       {@code locations=classpath:db/migration} and {@code schemas=app} (comma-separated lists);</li>
 *   <li>Flyway's defaults: {@code classpath:db/migration} into the connection's default schema.</li>
 * </ol>
 * Each distinct set of locations and schemas gets its own template, migrated once per run.
 *
 * <p>Which PostgreSQL is chosen by system properties; see {@link PolyrefDatabaseExtension}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PolyrefDatabaseExtension.class)
public @interface PolyrefTest {

    /**
     * @return Flyway locations of the migrations ({@code classpath:db/migration}, {@code filesystem:sql});
     *         empty for {@code polyref-test.properties} or Flyway's default
     */
    String[] locations() default {};

    /**
     * @return the schemas Flyway manages and the catalogue syncs (the first is Flyway's default schema);
     *         empty for {@code polyref-test.properties} or the connection's default schema
     */
    String[] schemas() default {};
}
