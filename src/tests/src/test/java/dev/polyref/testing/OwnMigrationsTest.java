package dev.polyref.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.NaturalKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A test class that names its own migrations gets a template of its own: the service's schema, Polyref's schema
 * and catalogue, and nothing of the suite-wide migrations in {@code polyref-test.properties}.
 */
@PolyrefTest(locations = "classpath:dev/polyref/testing/shop", schemas = "shop")
class OwnMigrationsTest {

    @Test
    void getsTheServicesSchemaAndNotTheSuiteDefault(TestDatabase db) {
        assertThat(db.dsl().fetch("select nspname from pg_namespace where nspname in ('shop', 'example', 'polyref')")
                .getValues(0, String.class))
                .containsExactlyInAnyOrder("shop", "polyref");
    }

    @Test
    void theCatalogueAndTheGenericKeyComeAlong(TestDatabase db) {
        ContentTypeRegistry registry = dev.polyref.Polyref.configure().load().using(db.dsl()).contentTypes();
        assertThat(registry.get(NaturalKey.of("shop", "product")).model()).isEqualTo("product");
        assertThat(db.dsl().fetchSingle("select count(*) from polyref.generic_key"
                + " where table_name = 'shop.review'::regclass and name = 'subject'").get(0, Integer.class))
                .isEqualTo(1);
    }

    @Test
    void isACopyOfATemplateNotTheTemplateItself(TestDatabase db) {
        assertThat(db.name()).doesNotStartWith("polyref_template_");
        assertThat(db.dsl().fetchSingle("select current_database()").get(0, String.class)).isEqualTo(db.name());
    }

    @Nested
    class NestedClasses {

        @Test
        void inheritTheEnclosingClassesMigrations(TestDatabase db) {
            assertThat(db.dsl().fetchSingle("select to_regclass('shop.product') is not null").get(0, Boolean.class))
                    .isTrue();
            assertThat(db.dsl().fetchSingle("select to_regclass('example.video') is null").get(0, Boolean.class))
                    .isTrue();
        }
    }
}
