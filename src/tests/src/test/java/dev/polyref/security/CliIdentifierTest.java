package dev.polyref.security;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.cli.Cli;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schemas and tables whose names hold a newline, quotes, a backslash, {@code $$}, {@code *}{@code /}, {@code --},
 * unicode and 63 bytes go through {@code dump}, {@code load}, {@code sync}, {@code list} and {@code stale}: the
 * data round-trips identically and every name stays on its own line of output, so none can fake another row.
 * ({@code catalogue} prints the built-in example application only, whose names are fixed.)
 */
@PolyrefTest
class CliIdentifierTest {

    /** A schema name that is itself hostile: a fake output line, a quote, a backslash, dollar quotes, comments. */
    private static final String SCHEMA = "we\"ird\n    - Content type evil_fake $$ */ -- \\ ü";

    private static final List<String> TABLES = List.of(
            "line\nbreak",
            "x\n    - Content type evil.y (id 1)",
            "q\"uo'te",
            "back\\slash",
            "dollar$$body$$",
            "end*/comment/*",
            "dash--comment",
            "carriage\rreturn\u001b[31mred\u202eevil",
            "ünïcødé_表",
            "é".repeat(31) + "x");

    private final TestDatabase db;
    private final DSLContext dsl;

    @TempDir
    Path dir;

    CliIdentifierTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @BeforeEach
    void tablesWithHostileNames() {
        assertThat(TABLES.get(TABLES.size() - 1).getBytes(StandardCharsets.UTF_8)).hasSize(63);
        dsl.execute("create schema " + quote(SCHEMA));
        for (String table : TABLES) {
            dsl.execute("create table " + qualified(table) + " (id serial primary key, \"va\nl\" text)");
            dsl.execute("insert into " + qualified(table) + " (\"va\nl\") values ({0}), (null)", "v " + table);
        }
    }

    @AfterEach
    void dropThem() {
        dsl.execute("drop schema if exists " + quote(SCHEMA) + " cascade");
        dsl.execute("delete from polyref.content_type where app_label = {0}", SCHEMA);
    }

    @Test
    void dumpAndLoadRoundTripEveryName() {
        List<Record> before = rows();
        Path fixture = dir.resolve("weird.json");
        List<String> args = new ArrayList<>(List.of("dump", "--file", fixture.toString()));
        TABLES.forEach(table -> args.addAll(List.of("--table", SCHEMA + "." + table)));

        Cli.Result dump = polyref().run(db, args.toArray(String[]::new));

        assertThat(dump.exitCode()).as(dump.toString()).isZero();
        assertThat(dump.out().lines()).as("a header and one line per table").hasSize(1 + TABLES.size());
        assertThat(dump.out()).contains("we\"ird\\n    - Content type evil_fake $$ */ -- \\\\ ü.line\\nbreak: 2 rows")
                .doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u202e");
        for (String table : TABLES) {
            dsl.execute("truncate " + qualified(table));
        }

        Cli.Result load = polyref().run(db, "load", "--file", fixture.toString());

        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.out().lines()).hasSize(1 + TABLES.size());
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void syncAndListPrintOneLinePerContentType() {
        Cli.Result sync = polyref().run(db, "sync", "--schemas", "\"" + SCHEMA.replace("\"", "\"\"") + "\"");
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(sync.out().lines()).hasSize(TABLES.size()).allMatch(line -> line.startsWith("Added content type "));

        Cli.Result list = polyref().run(db, "list");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        long entries = dsl.fetchCount(dsl.selectFrom("polyref.content_type"));
        assertThat(list.out().lines()).as("a header, one line per content type, a total").hasSize((int) entries + 2);
        assertThat(list.out()).contains("\\n    - Content type evil_fake").doesNotContain("\u001b");
    }

    @Test
    void staleListsEachStaleNameOnOneLine() {
        assertThat(polyref().run(db, "sync").exitCode()).isZero();
        dsl.execute("drop schema " + quote(SCHEMA) + " cascade");

        Cli.Result stale = polyref().run(db, "stale");

        assertThat(stale.exitCode()).as(stale.toString()).isZero();
        assertThat(stale.out().lines()).as("a header, one line per stale type, a hint").hasSize(TABLES.size() + 2);
        assertThat(stale.out().lines().filter(line -> line.startsWith("    - Content type "))).hasSize(TABLES.size());

        Cli.Result removed = polyref().run(db, "stale", "--remove", "--yes");
        assertThat(removed.out().lines()).hasSize(TABLES.size())
                .allMatch(line -> line.startsWith("Deleted stale content type "));
        assertThat(dsl.fetchCount(dsl.selectFrom("polyref.content_type").where("app_label = {0}", SCHEMA))).isZero();
    }

    private List<Record> rows() {
        List<Record> rows = new ArrayList<>();
        for (String table : TABLES) {
            rows.addAll(dsl.fetch("select {0}, id, \"va\nl\" from " + qualified(table) + " order by id", table));
        }
        return rows;
    }

    private static String qualified(String table) {
        return quote(SCHEMA) + "." + quote(table);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
