package dev.polyref.cli;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.ScratchDatabase;
import dev.polyref.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate}, {@code sync} and {@code list}. */
@PolyrefTest
class CatalogueCommandsTest {

    private final TestDatabase db;
    /** Polyref's schema version: its versioned migrations are V1, V2, ... in migrations/polyref. */
    private static final long POLYREF = polyrefMigrations("V\\d+__.*\\.sql");
    /** Polyref's migrations applied to an empty database: the versioned ones and the repeatable ones (R__). */
    private static final long POLYREF_APPLIED = POLYREF + polyrefMigrations("R__.*\\.sql");

    private final DSLContext dsl;

    CatalogueCommandsTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @Test
    void migrateAppliesPolyrefThenTheApplicationAndSyncsTheCatalogue() throws Exception {
        try (ScratchDatabase fresh = new ScratchDatabase(db, "migrate")) {
            Cli.Result polyrefOnly = polyref().runOn(fresh.jdbcUrl(), db, "migrate");
            assertThat(polyrefOnly.exitCode()).as(polyrefOnly.toString()).isZero();
            assertThat(polyrefOnly.out())
                    .isEqualTo("Applied " + POLYREF_APPLIED + " Polyref migrations, now at version " + POLYREF + ".\n");

            Cli.Result application = polyref().runOn(fresh.jdbcUrl(), db, "migrate",
                    "--locations", "classpath:dev/polyref/example/migrations", "--schemas", "example");
            assertThat(application.exitCode()).as(application.toString()).isZero();
            assertThat(application.out()).startsWith("Polyref schema is up to date at version " + POLYREF + ".\n" + """
                    Applied 5 application migrations (schema example), now at version 5.
                    """).containsPattern("Added content type example.playlist_entry \\(id \\d+\\)\n");

            Cli.Result again = polyref().runOn(fresh.jdbcUrl(), db, "migrate",
                    "--locations", "classpath:dev/polyref/example/migrations", "--schemas", "example");
            assertThat(again.out()).isEqualTo("Polyref schema is up to date at version " + POLYREF + ".\n" + """
                    Application (schema example) is up to date at version 5.
                    The catalogue is up to date: no content types added.
                    """);
        }
    }

    @Test
    void aFailingMigrationExitsTwoWithFlywaysMessageOnOneLine(@TempDir Path migrations) throws Exception {
        Files.writeString(migrations.resolve("V1__broken.sql"), "create table broken (id bigint primary key;");
        try (ScratchDatabase fresh = new ScratchDatabase(db, "broken")) {
            Cli.Result result = polyref().runOn(fresh.jdbcUrl(), db, "migrate",
                    "--locations", "filesystem:" + migrations, "--schemas", "app");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.out())
                    .isEqualTo("Applied " + POLYREF_APPLIED + " Polyref migrations, now at version " + POLYREF + ".\n");
            assertThat(result.err()).startsWith("polyref: error: Failed to execute script V1__broken.sql: syntax error at or near")
                    .contains("syntax error").hasLineCount(1);
        }
    }

    @Test
    void syncAddsTheTablesThatHaveNoContentType() {
        dsl.execute("create table example.fresh (id bigint primary key)");
        try {
            Cli.Result result = polyref().run(db, "sync", "--schemas", "example");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).matches("Added content type example\\.fresh \\(id \\d+\\)\n");

            assertThat(polyref().run(db, "sync").out())
                    .isEqualTo("The catalogue is up to date: no content types added.\n");
        } finally {
            dsl.execute("drop table example.fresh");
            dsl.execute("delete from polyref.content_type where model = 'fresh'");
        }
    }

    @Test
    void listPrintsEveryContentTypeWithItsRowCountAndMarksStaleOnes() {
        dsl.execute("insert into example.song (title, artist) values ('a', 'x'), ('b', 'y')");
        dsl.execute("create table example.gone (id bigint primary key)");
        dsl.execute("select polyref.sync_content_types(array['example'])");
        dsl.execute("drop table example.gone");
        try {
            Cli.Result result = polyref().run(db, "list");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).startsWith("ID  CONTENT TYPE             ROWS\n")
                    .containsPattern(" \\d  example\\.song                2\n")
                    .containsPattern("\\d\\d  example\\.gone            stale\n")
                    .endsWith("16 content types, 1 stale (table gone; see 'polyref stale')\n");
        } finally {
            dsl.execute("delete from polyref.content_type where model = 'gone'");
            dsl.execute("delete from example.song");
        }
    }

    private static long polyrefMigrations(String pattern) {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("migrations/polyref"))) {
            return files.filter(f -> f.getFileName().toString().matches(pattern)).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
