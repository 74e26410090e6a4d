package dev.polyref.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.ScratchDatabase;
import dev.polyref.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** A Flyway history table is never a content type, whatever Flyway is told to call it (issue 9). */
@PolyrefTest
class FlywayHistoryTableTest {

    private final TestDatabase db;

    FlywayHistoryTableTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aCustomHistoryTableIsNotCatalogued() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase(db, "custom_history")) {
            Flyway.configure().dataSource(scratch.dataSource()).locations("classpath:app-migrations").schemas("app")
                    .table("my_history").callbacks(PolyrefMigrations.callback()).load().migrate();

            assertThat(scratch.dsl().fetchExists(scratch.dsl().selectOne().from("app.my_history")))
                    .as("Flyway used it").isTrue();
            assertThat(models(scratch.dsl())).contains("invoice", "customer").doesNotContain("my_history");
        }
    }

    @Test
    void theDefaultHistoryTableIsNotCataloguedEither() throws Exception {
        try (ScratchDatabase scratch = new ScratchDatabase(db, "default_history")) {
            Flyway.configure().dataSource(scratch.dataSource()).locations("classpath:app-migrations").schemas("app")
                    .callbacks(PolyrefMigrations.callback()).load().migrate();

            assertThat(scratch.dsl().fetchExists(scratch.dsl().selectOne().from("app.flyway_schema_history")))
                    .isTrue();
            assertThat(models(scratch.dsl())).contains("invoice", "customer").doesNotContain("flyway_schema_history");
        }
    }

    private static java.util.List<String> models(DSLContext dsl) {
        return dsl.fetch("select model from polyref.content_type where app_label = 'app' order by 1")
                .getValues(0, String.class);
    }
}
