package dev.polyref.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.Polyref;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

@PolyrefTest
class CatalogueSyncTest {

    private final TestDatabase db;
    private final DSLContext dsl;

    CatalogueSyncTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @Test
    void syncAddsOnlyMissingTablesAndReturnsThem() {
        dsl.execute("create schema shop");
        dsl.execute("create table shop.product (id bigint primary key)");
        dsl.execute("create table shop.flyway_schema_history (installed_rank int primary key)");
        dsl.execute("create table shop.measurement (id bigint, at date not null) partition by range (at)");
        dsl.execute("create table shop.measurement_2026 partition of shop.measurement "
                + "for values from ('2026-01-01') to ('2027-01-01')");
        dsl.execute("create view shop.product_view as select * from shop.product");
        ContentTypeRegistry registry = Polyref.configure().load().using(dsl).contentTypes();

        List<ContentType> added = registry.sync("shop");

        assertThat(added).extracting(ContentType::naturalKey)
                .containsExactly(NaturalKey.of("shop", "measurement"), NaturalKey.of("shop", "product"));
        assertThat(registry.sync("shop")).as("second run").isEmpty();
        assertThat(registry.get(NaturalKey.of("shop", "product")).id()).isEqualTo(added.get(1).id());
    }

    @Test
    void syncWithoutSchemasCoversEveryUserSchemaButNotPolyrefOrPostgresOwn() {
        dsl.execute("create schema other");
        dsl.execute("create table other.thing (id bigint primary key)");
        List<ContentType> added = Polyref.configure().load().using(dsl).contentTypes().sync();
        assertThat(added).extracting(ContentType::naturalKey).containsExactly(NaturalKey.of("other", "thing"));
        assertThat(dsl.fetchCount(DSL.table("polyref.content_type"),
                DSL.condition("app_label in ('polyref', 'pg_catalog', 'information_schema')"))).isZero();
    }

    @Test
    void eightConcurrentSyncsAllSucceedWithExactlyOneRowPerTable() throws Exception {
        int tables = 40;
        dsl.execute("create schema race");
        for (int i = 0; i < tables; i++) {
            dsl.execute("create table race.t" + i + " (id bigint primary key)");
        }
        int syncs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(syncs);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ContentType>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < syncs; i++) {
                // Each sync has its own connection, as separate services would
                DSLContext own = db.newDsl();
                results.add(pool.submit(() -> {
                    start.await();
                    return Polyref.configure().load().using(own).contentTypes().sync("race");
                }));
            }
            start.countDown();
            int addedInTotal = 0;
            for (Future<List<ContentType>> result : results) {
                addedInTotal += result.get(60, TimeUnit.SECONDS).size();
            }
            assertThat(addedInTotal).as("every table added by exactly one of the syncs").isEqualTo(tables);
        } finally {
            pool.shutdownNow();
        }
        List<Record1<Integer>> perTable = dsl.select(DSL.count()).from("polyref.content_type")
                .where("app_label = 'race'").groupBy(DSL.field("model")).fetch();
        assertThat(perTable).hasSize(tables).allSatisfy(r -> assertThat(r.value1()).isEqualTo(1));
    }
}
