package dev.polyref.cli;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.ScratchDatabase;
import dev.polyref.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dump} and {@code load}, between databases whose content-type ids differ. */
@PolyrefTest
class FixtureCommandsTest {

    private static final List<String> TABLES = List.of("example.users", "example.video", "example.song",
            "example.document", "example.tagged_item", "example.activity", "example.comment");

    /** Every generic key of the example, with its content type spelled out. */
    private static final String GENERIC_KEYS = """
            select 'tag', t.tag, ct.app_label, ct.model, t.object_id
              from example.tagged_item t join polyref.content_type ct on ct.id = t.content_type_id
            union all
            select 'activity', a.action, ct.app_label, ct.model, a.object_id::text
              from example.activity a join polyref.content_type ct on ct.id = a.content_type_id
            union all
            select 'comment', c.body, ct.app_label, ct.model, c.subject_id::text
              from example.comment c join polyref.content_type ct on ct.id = c.subject_type_id
            order by 1, 2""";

    private final TestDatabase db;
    private final DSLContext dsl;

    @TempDir
    Path dir;

    FixtureCommandsTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeEach
    void rowsWithGenericKeysToEveryKindOfTarget() {
        dsl.execute("""
                insert into example.users (id, username) values (1, 'ada');
                insert into example.video (id, title, uploader_id) values (1, 'Intro', 1);
                insert into example.song (id, title, artist) values (1, 'Blue', 'Joni');
                insert into example.document (id, title) values ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'Spec');
                insert into example.tagged_item (tag, content_type_id, object_id)
                  select 'fun', id, '1' from polyref.content_type where model = 'video'
                  union all select 'calm', id, '1' from polyref.content_type where model = 'song'
                  union all select 'long', id, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'
                    from polyref.content_type where model = 'document';
                insert into example.activity (user_id, action, content_type_id, object_id)
                  select 1, 'watched', id, 1 from polyref.content_type where model = 'video';
                insert into example.comment (body, subject_type_id, subject_id)
                  select 'Nice', id, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' from polyref.content_type
                  where model = 'document';
                """);
    }

    @AfterEach
    void emptyTables() {
        dsl.execute("truncate " + String.join(", ", TABLES) + " restart identity cascade");
    }

    @Test
    void aDumpLoadsIntoADatabaseWhoseContentTypeIdsDiffer() throws Exception {
        Path fixture = dir.resolve("example.json");
        Cli.Result dump = polyref().run(db, dumpArgs(fixture));
        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(dump.out()).startsWith("Dumped 9 rows of 7 tables to " + fixture + ":\n")
                .contains("    example.tagged_item: 3 rows\n");
        assertThat(Files.readString(fixture)).contains("\"content_type_id\": [\"example\", \"video\"]")
                .doesNotContain("\"content_type_id\": 1");

        try (ScratchDatabase other = otherDatabaseWithCatalogueInReverseOrder()) {
            Cli.Result load = polyref().runOn(other.jdbcUrl(), db, "load", "--file", fixture.toString());

            assertThat(load.exitCode()).as(load.toString()).isZero();
            assertThat(load.out()).startsWith("Loaded 9 rows of 7 tables from " + fixture + ":\n");
            Result<?> expected = dsl.fetch(GENERIC_KEYS);
            assertThat(expected).hasSize(5);
            assertThat(other.dsl().fetch(GENERIC_KEYS)).isEqualTo(expected);
            assertThat(other.dsl().fetchValue("select content_type_id from example.tagged_item where tag = 'fun'"))
                    .as("the ids themselves differ")
                    .isNotEqualTo(dsl.fetchValue("select content_type_id from example.tagged_item where tag = 'fun'"));
        }
    }

    @Test
    void aCorruptedFixtureLoadsNothingAndNamesTheFileAndPosition() throws Exception {
        Path fixture = dir.resolve("example.json");
        assertThat(polyref().run(db, dumpArgs(fixture)).exitCode()).isZero();
        List<String> lines = Files.readAllLines(fixture);
        int songLine = lines.indexOf(lines.stream().filter(l -> l.contains("[\"example\", \"song\"]")).findFirst()
                .orElseThrow());
        Path unknownType = dir.resolve("unknown-type.json");
        Files.writeString(unknownType, String.join("\n", lines).replace("[\"example\", \"song\"]",
                "[\"example\", \"podcast\"]"));
        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, String.join("\n", lines.subList(0, songLine + 1)));

        try (ScratchDatabase other = otherDatabaseWithCatalogueInReverseOrder()) {
            Cli.Result unknown = polyref().runOn(other.jdbcUrl(), db, "load", "--file", unknownType.toString());

            assertThat(unknown.exitCode()).isEqualTo(2);
            int column = lines.get(songLine).indexOf("[\"example\"") + 1;
            assertThat(unknown.err()).isEqualTo("polyref: error: " + unknownType + ": line " + (songLine + 1)
                    + ", column " + column + ": no content type example.podcast in polyref.content_type (column "
                    + "\"content_type_id\" of example.tagged_item); is the catalogue of this database synced?; "
                    + "nothing was loaded\n");
            assertThat(unknown.out()).isEmpty();

            Cli.Result cut = polyref().runOn(other.jdbcUrl(), db, "load", "--file", truncated.toString());
            assertThat(cut.exitCode()).isEqualTo(2);
            assertThat(cut.err()).startsWith("polyref: error: " + truncated + ": line " + (songLine + 1) + ", column ")
                    .contains("Unexpected end-of-input").hasLineCount(1);

            for (String table : TABLES) {
                assertThat(other.dsl().fetchCount(other.dsl().selectFrom(table))).as(table).isZero();
            }
        }
    }

    @Test
    void dumpWritesToStandardOutputAndShowsProgressOnlyOnATerminal() {
        Cli.Result plain = polyref().run(db, "dump", "--table", "example.users");
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).startsWith("{\n  \"format\": \"polyref-fixture/1\",")
                .contains("{\"id\": 1, \"username\": \"ada\"}");
        assertThat(plain.err()).isEmpty();

        Cli.Result terminal = polyref().terminal().run(db, "dump", "--table", "example.users", "--table",
                "example.video");
        assertThat(terminal.err()).isEqualTo("\rDumping example.users: 1 row\n\rDumping example.video: 1 row\n");
        assertThat(terminal.out()).isEqualTo("""
                {
                  "format": "polyref-fixture/1",
                  "tables": [
                    {
                      "table": "example.users",
                      "rows": [
                        {"id": 1, "username": "ada"}
                      ]
                    },
                    {
                      "table": "example.video",
                      "rows": [
                        {"id": 1, "title": "Intro", "uploader_id": 1}
                      ]
                    }
                  ]
                }
                """);
    }

    @Test
    void dumpingAMissingTableFailsAndLeavesNoFile() {
        Path fixture = dir.resolve("nope.json");
        Cli.Result result = polyref().run(db, "dump", "--table", "example.users", "--table", "example.nope",
                "--file", fixture.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("polyref: error: No table example.nope in the database\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void loadingAMissingFileFails() {
        Cli.Result result = polyref().run(db, "load", "--file", dir.resolve("absent.json").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("polyref: error: No such file: " + dir.resolve("absent.json") + "\n");
    }

    private String[] dumpArgs(Path file) {
        List<String> args = new ArrayList<>(List.of("dump", "--file", file.toString()));
        TABLES.forEach(table -> args.addAll(List.of("--table", table)));
        return args.toArray(String[]::new);
    }

    /**
     * A fresh database with Polyref's schema whose catalogue rows were created in reverse order from id 100, before
     * the example's tables: every content type has another id than in the test database.
     */
    private ScratchDatabase otherDatabaseWithCatalogueInReverseOrder() throws Exception {
        ScratchDatabase other = new ScratchDatabase(db, "other");
        assertThat(polyref().runOn(other.jdbcUrl(), db, "migrate").exitCode()).isZero();
        other.dsl().execute("alter table polyref.content_type alter column id restart with 100");
        String[] models = dsl.fetchValues("select model from polyref.content_type").stream()
                .map(String::valueOf).toArray(String[]::new);
        other.dsl().execute("insert into polyref.content_type (app_label, model) "
                + "select 'example', m from unnest({0}::text[]) m order by m desc", DSL.val(models));
        Cli.Result migrate = polyref().runOn(other.jdbcUrl(), db, "migrate",
                "--locations", "classpath:dev/polyref/example/migrations", "--schemas", "example");
        assertThat(migrate.out()).endsWith("The catalogue is up to date: no content types added.\n");
        return other;
    }
}
