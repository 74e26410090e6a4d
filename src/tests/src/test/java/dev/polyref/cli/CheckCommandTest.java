package dev.polyref.cli;

import static dev.polyref.cli.Cli.polyref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@PolyrefTest
class CheckCommandTest {

    private final TestDatabase db;
    private final DSLContext dsl;

    CheckCommandTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @Test
    void findsEachProblemItClaimsToFindAndPassesOnceTheyAreFixed() {
        Cli.Result clean = polyref().run(db, "check");
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).isEqualTo("No problems found (checked declarations, stale-content-types, dangling-references, generic-key-indexes, integrity, composite-key-targets).\n");

        // A stale content type, and a generic key without an index
        dsl.execute("create table example.old (id bigint primary key)");
        int oldId = dsl.fetchSingle("select id from polyref.sync_content_types(array['example'])")
                .get(0, Integer.class);
        dsl.execute("drop table example.old");
        dsl.execute("""
                create table example.note (
                    id bigint primary key,
                    content_type_id integer references polyref.content_type (id),
                    object_id bigint)""");

        Cli.Result problems = polyref().run(db, "check");

        assertThat(problems.exitCode()).as(problems.toString()).isEqualTo(2);
        assertThat(problems.out()).isEqualTo("""
                stale-content-types: example.old (id %d): its table is gone; no rows refer to it; remove it with \
                StaleContentTypes.remove or 'polyref stale --remove'
                generic-key-indexes: example.note: no index on (content_type_id, object_id), so finding the rows \
                that point at an object scans the table; add one: create index on example.note (content_type_id, \
                object_id)
                2 problems found (checked declarations, stale-content-types, dangling-references, generic-key-indexes, integrity, composite-key-targets).
                """.formatted(oldId));
        assertThat(problems.err()).isEmpty();

        dsl.execute("create index on example.note (content_type_id, object_id)");
        assertThat(polyref().run(db, "stale", "--remove", "--yes").exitCode()).isZero();
        Cli.Result fixed = polyref().run(db, "check");
        assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        dsl.execute("drop table example.note");
    }
}
