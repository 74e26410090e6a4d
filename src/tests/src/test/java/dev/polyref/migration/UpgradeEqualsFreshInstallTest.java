package dev.polyref.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.ScratchDatabase;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * A database upgraded from the previous release equals a fresh install of the current migrations (issue 9): the
 * same functions (definitions, settings, SECURITY DEFINER, privileges), tables, columns, constraints, indexes,
 * triggers and comments in schema polyref, and the same triggers and constraints Polyref put on user tables.
 * The previous release is frozen in src/tests/src/test/resources/polyref-releases/ (see its README).
 */
@PolyrefTest
class UpgradeEqualsFreshInstallTest {

    /** The release this one upgrades from. */
    static final String PREVIOUS_RELEASE = "classpath:polyref-releases/0.2.0";

    private final TestDatabase db;

    UpgradeEqualsFreshInstallTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void anUpgradedDatabaseEqualsAFreshInstall() throws Exception {
        try (ScratchDatabase upgraded = new ScratchDatabase(db, "upgraded");
                ScratchDatabase fresh = new ScratchDatabase(db, "fresh")) {
            // (a) the previous release, keys declared and enforced on it, then the current migrations
            previousRelease(upgraded);
            applicationWithKeys(upgraded.dsl());
            PolyrefMigrations.migrate(upgraded.dataSource());

            // (b) the current migrations, then the same application and keys
            PolyrefMigrations.migrate(fresh.dataSource());
            applicationWithKeys(fresh.dsl());

            // (c) the catalogues
            List<String> expected = CatalogDump.of(fresh.dsl());
            assertThat(expected).as("the dump sees Polyref's objects").anyMatch(l -> l.startsWith("function "))
                    .anyMatch(l -> l.startsWith("user trigger ")).anyMatch(l -> l.startsWith("user constraint "));
            assertThat(CatalogDump.of(upgraded.dsl())).containsExactlyElementsOf(expected);
        }
    }

    private static void previousRelease(ScratchDatabase database) {
        Flyway.configure(UpgradeEqualsFreshInstallTest.class.getClassLoader())
                .dataSource(new PinnedSearchPath(database.dataSource()))
                .locations(PREVIOUS_RELEASE)
                .schemas(PolyrefMigrations.SCHEMA)
                .table(PolyrefMigrations.HISTORY_TABLE)
                .load()
                .migrate();
    }

    /** A small application with an enforced key of each kind, declared through Polyref's SQL API. */
    private static void applicationWithKeys(DSLContext dsl) {
        dsl.execute("create schema app");
        dsl.execute("create table app.video (id bigint primary key)");
        dsl.execute("create table app.page (slug text primary key)");
        dsl.execute("create table app.doc (id uuid primary key)");
        dsl.execute("create table app.activity (id bigint primary key, "
                + "content_type_id integer references polyref.content_type (id), object_id bigint)");
        dsl.execute("create table app.tag (id bigint primary key, "
                + "content_type_id integer references polyref.content_type (id), object_id text)");
        dsl.execute("create table app.remark (id bigint primary key, "
                + "ct integer references polyref.content_type (id), oid uuid)");
        dsl.execute("select polyref.sync_content_types(array['app'])");
        dsl.execute("select polyref.declare_generic_key('app.activity', 'target', "
                + "p_allowed_targets => array['app.video']::regclass[], p_on_delete => 'restrict', p_enforced => true)");
        dsl.execute("select polyref.declare_generic_key('app.tag', 'content_object', p_enforced => true)");
        dsl.execute("select polyref.declare_generic_key('app.remark', 'subject', 'ct', 'oid', "
                + "array['app.doc']::regclass[], 'set null')");
        dsl.execute("select polyref.enforce_generic_key('app.remark', 'subject')");
    }
}
