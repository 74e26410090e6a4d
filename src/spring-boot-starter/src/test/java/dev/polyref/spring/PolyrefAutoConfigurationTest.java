package dev.polyref.spring;

import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.DanglingReferenceException;
import dev.polyref.InvalidArgumentException;
import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.Models;
import dev.polyref.migration.PolyrefMigrations;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.generic.GenericResolver;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jooq.JooqAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataIntegrityViolationException;

/** The auto-configuration against a real database: the test kit's migrated copy of the example schema. */
@PolyrefTest(locations = "classpath:dev/polyref/example/migrations", schemas = "example")
class PolyrefAutoConfigurationTest {

    private static ApplicationContextRunner runner;

    @BeforeAll
    static void runner(TestDatabase db) {
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        JooqAutoConfiguration.class, PolyrefAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(),
                        "spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password());
    }

    @Test
    void findsTheGeneratedModelsByScanningAPackage() {
        runner.withPropertyValues("polyref.models-packages=dev.polyref.example").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Polyref.class).models()).containsExactlyElementsOf(Models.ALL);
            PolyrefContext polyref = context.getBean(PolyrefContext.class);
            assertThat(polyref.contentTypes().get(Models.VIDEO).naturalKey()).isEqualTo(NaturalKey.of("example",
                    "video"));
            assertThat(polyref.dsl()).isSameAs(context.getBean(DSLContext.class));
        });
    }

    @Test
    void scansTheApplicationsPackageByDefault() {
        // No @SpringBootApplication here: register dev.polyref.example as the auto-configuration package
        runner.withUserConfiguration(ExamplePackage.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Polyref.class).models()).containsExactlyElementsOf(Models.ALL);
        });
    }

    @Test
    void usesTheNamedModelsClasses() {
        runner.withPropertyValues("polyref.models-classes=dev.polyref.example.db.Models").run(context ->
                assertThat(context.getBean(Polyref.class).models()).containsExactlyElementsOf(Models.ALL));
    }

    @Test
    void aWrongModelsClassFailsTheStartWithItsName() {
        runner.withPropertyValues("polyref.models-classes=dev.polyref.example.db.GenericRelations").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("dev.polyref.example.db.GenericRelations has no public static ALL list");
        });
        runner.withPropertyValues("polyref.models-classes=no.such.Models").run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("no class no.such.Models"));
    }

    @Test
    void bindsTheResolverSettings() {
        runner.withPropertyValues("polyref.chunk-size=7", "polyref.one-round-trip=true").run(context -> {
            PolyrefContext polyref = context.getBean(PolyrefContext.class);
            assertThat(polyref.resolver().chunkSize()).isEqualTo(7);
            assertThat(polyref.resolver().oneRoundTrip()).isTrue();
        });
        runner.withPropertyValues("polyref.chunk-size=0").run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining("chunkSize must be at least 1, got 0"));
    }

    @Test
    void theApplicationsOwnBeansWin() {
        Polyref mine = Polyref.configure().load();
        runner.withBean(Polyref.class, () -> mine).run(context -> {
            assertThat(context.getBean(Polyref.class)).isSameAs(mine);
            assertThat(context.getBean(PolyrefContext.class).contentTypes()).isNotNull();
        });
        runner.withBean("polyrefContext", PolyrefContext.class, () -> mine.using(org.jooq.impl.DSL.using(
                org.jooq.SQLDialect.POSTGRES))).run(context ->
                assertThat(context.getBean(PolyrefContext.class).dsl().configuration().connectionProvider())
                        .isNotSameAs(context.getBean(DSLContext.class).configuration().connectionProvider()));
    }

    @Test
    void translatesGenericKeyViolationsInBootsDslContext(TestDatabase db) {
        db.dsl().execute("select polyref.enforce_generic_key('example.activity', 'target')");
        long user = db.dsl().insertInto(USERS).set(USERS.USERNAME, "dangler").returning(USERS.ID).fetchOne()
                .getId();
        runner.run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);
            int video = context.getBean(PolyrefContext.class).contentTypes().get(Models.VIDEO).id();
            assertThatThrownBy(() -> dsl.insertInto(ACTIVITY).set(ACTIVITY.USER_ID, user)
                    .set(ACTIVITY.ACTION, "liked").set(ACTIVITY.CONTENT_TYPE_ID, video)
                    .set(ACTIVITY.OBJECT_ID, 424242L).execute())
                    .isInstanceOf(DanglingReferenceException.class)
                    .hasMessageContaining("example.activity").hasMessageContaining("424242");
        });
        // Without it, Boot's own translation is what the application sees
        runner.withPropertyValues("polyref.exception-translation=false").run(context -> {
            DSLContext dsl = context.getBean(DSLContext.class);
            int video = context.getBean(PolyrefContext.class).contentTypes().get(Models.VIDEO).id();
            assertThatThrownBy(() -> dsl.insertInto(ACTIVITY).set(ACTIVITY.USER_ID, user)
                    .set(ACTIVITY.ACTION, "liked").set(ACTIVITY.CONTENT_TYPE_ID, video)
                    .set(ACTIVITY.OBJECT_ID, 424242L).execute())
                    .isInstanceOf(DataIntegrityViolationException.class);
        });
        assertThat(GenericKeys.ACTIVITY_TARGET).isNotNull();
    }

    @Test
    void addsPolyrefsCallbackToBootsFlyway(TestDatabase db) {
        ApplicationContextRunner flyway = runner
                .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues("spring.flyway.locations=classpath:dev/polyref/example/migrations,"
                        + "classpath:polyref-spring-test/migration", "spring.flyway.schemas=example");
        flyway.withPropertyValues("polyref.flyway-callback=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Flyway.class).getConfiguration().getCallbacks()).isEmpty();
        });
        db.dsl().execute("delete from example.flyway_schema_history where version = '90'");
        db.dsl().execute("drop table example.spring_extra");
        flyway.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(Arrays.asList(context.getBean(Flyway.class).getConfiguration().getCallbacks()))
                    .hasSize(1)
                    .allMatch(c -> c.getClass().equals(PolyrefMigrations.callback().getClass()));
            // The new table became a content type: the callback synced the catalogue after Boot's migration
            assertThat(db.dsl().fetchCount(db.dsl().selectFrom("polyref.content_type")
                    .where("app_label = 'example' and model = 'spring_extra'"))).isEqualTo(1);
        });
    }

    @Test
    void describesItsPropertiesForIdes() throws Exception {
        try (var in = PolyrefAutoConfiguration.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-boot-configuration-processor's metadata").isNotNull();
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String property : List.of("polyref.models-classes", "polyref.models-packages", "polyref.chunk-size",
                    "polyref.one-round-trip", "polyref.flyway-callback", "polyref.exception-translation")) {
                assertThat(json).contains("\"name\": \"" + property + "\"");
            }
            assertThat(json).containsPattern("\"defaultValue\": 10000");
        }
        assertThat(GenericResolver.DEFAULT_CHUNK_SIZE).isEqualTo(10_000);
    }

    @org.springframework.boot.autoconfigure.AutoConfigurationPackage(basePackages = "dev.polyref.example")
    static class ExamplePackage {
    }
}
