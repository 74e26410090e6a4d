package dev.polyref.spring.test;

import dev.polyref.testing.PolyrefTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A {@code @SpringBootTest} on the test kit's migrated database: the class gets its own copy of the migrated
 * template ({@link PolyrefTest}), and the application context's {@code spring.datasource.*} point at it. Boot's
 * Flyway is switched off for the test (the copy is migrated already, Polyref's schema and catalogue included). The
 * context is closed after the class, before its database is dropped.
 *
 * <pre>{@code
 * @PolyrefTest(locations = "classpath:db/migration", schemas = "app")   // which migrations; optional, see PolyrefTest
 * @PolyrefSpringBootTest
 * class TagServiceTest {
 *     @Autowired TagService tags;
 *
 *     @Test
 *     void tags(TestDatabase db) {                  // the same database, for assertions
 *         tags.tag(video, "cats");
 *         assertThat(db.dsl().fetchCount(TAGGED_ITEM)).isEqualTo(1);
 *     }
 * }
 * }</pre>
 *
 * <p>Needs {@code dev.polyref:polyref-test} and {@code spring-boot-starter-test} on the test class path.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PolyrefTest
@ExtendWith(PolyrefSpringBootTestExtension.class)
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ContextCustomizerFactories(PolyrefTestDatabaseCustomizerFactory.class)
public @interface PolyrefSpringBootTest {

    /** @return as {@link SpringBootTest#webEnvironment()}: {@code RANDOM_PORT} for tests through a browser */
    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

    /** @return as {@link SpringBootTest#properties()} */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    /** @return as {@link SpringBootTest#classes()} */
    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] classes() default {};
}
