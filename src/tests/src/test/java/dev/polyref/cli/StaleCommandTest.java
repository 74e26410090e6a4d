package dev.polyref.cli;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PolyrefTest
class StaleCommandTest {

    private final TestDatabase db;
    private final DSLContext dsl;
    private int goneId;

    StaleCommandTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    /** example.gone is stale with 2 tagged items and 1 activity row; one tagged item of a live type stays. */
    @BeforeEach
    void aStaleContentTypeWithDependentRows() {
        dsl.execute("create table example.gone (id bigint primary key)");
        goneId = dsl.fetchSingle("select id from polyref.sync_content_types(array['example'])").get(0, Integer.class);
        dsl.execute("insert into example.users (id, username) values (1, 'ada')");
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) values "
                + "('a', {0}, '1'), ('b', {0}, '2')", goneId);
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) select 'kept', id, '1' "
                + "from polyref.content_type where model = 'users'");
        dsl.execute("insert into example.activity (user_id, action, content_type_id, object_id) values "
                + "(1, 'liked', {0}, 1)", goneId);
        dsl.execute("drop table example.gone");
    }

    @AfterEach
    void cleanUp() {
        dsl.execute("delete from example.tagged_item");
        dsl.execute("delete from example.activity");
        dsl.execute("delete from example.users");
        dsl.execute("delete from polyref.content_type where model = 'gone'");
    }

    @Test
    void listsStaleContentTypesWithTheirDependentRowsPerTable() {
        Cli.Result result = polyref().run(db, "stale");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                Stale content types (their table is gone) and the rows that refer to them:
                    - Content type example.gone (id %d)
                        - 1 row in example.activity (content_type_id)
                        - 2 rows in example.tagged_item (content_type_id)
                Remove them with 'polyref stale --remove'.
                """.formatted(goneId));
        assertThat(dependentRows()).isEqualTo(3);
    }

    @Test
    void removeAsksLikeDjangoAndAnythingButYesKeepsEverything() {
        Cli.Result result = polyref().stdin("y\n").run(db, "stale", "--remove");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                Some content types in your database are stale and can be deleted.
                Any rows that depend on these content types will also be deleted.
                The content types and dependent rows that would be deleted are:

                    - Content type example.gone (id %d)
                        - 1 row in example.activity (content_type_id)
                        - 2 rows in example.tagged_item (content_type_id)

                Are you sure you want to delete these content types?
                If you're unsure, answer 'no'.
                Type 'yes' to continue, or 'no' to cancel: Stale content types remain.
                """.formatted(goneId));
        assertThat(dependentRows()).isEqualTo(3);
        assertThat(staleContentTypes()).isOne();
    }

    @Test
    void removeWithoutAnAnswerFailsAndKeepsEverything() {
        Cli.Result result = polyref().run(db, "stale", "--remove");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("polyref: error: No answer on standard input; nothing was deleted "
                + "(use --yes to delete without asking)\n");
        assertThat(dependentRows()).isEqualTo(3);
    }

    @Test
    void answeringYesDeletesTheDependentRowsAndTheContentType() {
        Cli.Result result = polyref().stdin("yes\n").run(db, "stale", "--remove");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).endsWith("Type 'yes' to continue, or 'no' to cancel: "
                + "Deleted stale content type example.gone (id " + goneId + ") and 3 dependent rows\n");
        assertDeleted();
    }

    @Test
    void yesSkipsTheQuestion() {
        Cli.Result result = polyref().run(db, "stale", "--remove", "--yes");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("Deleted stale content type example.gone (id " + goneId
                + ") and 3 dependent rows\n");
        assertDeleted();
        assertThat(polyref().run(db, "stale").out()).isEqualTo("No stale content types.\n");
    }

    private void assertDeleted() {
        assertThat(dependentRows()).isZero();
        assertThat(staleContentTypes()).isZero();
        assertThat(dsl.fetchCount(DSL.table("example.tagged_item"))).as("rows of live types stay").isOne();
    }

    private int dependentRows() {
        return dsl.fetchCount(DSL.table("example.tagged_item"), DSL.field("content_type_id").eq(goneId))
                + dsl.fetchCount(DSL.table("example.activity"), DSL.field("content_type_id").eq(goneId));
    }

    private int staleContentTypes() {
        return dsl.fetchCount(DSL.table("polyref.content_type"), DSL.field("id").eq(goneId));
    }
}
