package dev.polyref.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.Polyref;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.check.internal.GenericKeyFinder;
import dev.polyref.check.internal.GenericKeyIndexCheck;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@PolyrefTest
class ChecksTest {

    private final DSLContext dsl;

    ChecksTest(TestDatabase db) {
        this.dsl = db.dsl();
    }

    @AfterEach
    void dropWhatTheTestsCreated() {
        dsl.execute("drop table if exists example.note, example.permission, example.old");
        dsl.execute("delete from polyref.content_type where model = 'old'");
    }

    @Test
    void theExampleSchemaPassesEveryCheck() {
        for (Check check : Checks.defaults()) {
            assertThat(check.run(dsl)).as(check.name()).isEmpty();
        }
        assertThat(Checks.defaults()).extracting(Check::name)
                .containsExactly("declarations", "stale-content-types", "dangling-references", "generic-key-indexes",
                        "integrity", "composite-key-targets");
    }

    @Test
    void theNamingConventionPairsDjangosDefaultsAndPrefixedColumns() {
        assertThat(GenericKeyFinder.byNamingConvention().find(dsl)).extracting(GenericKeyFinder.Columns::toString)
                .containsExactly("example.activity (content_type_id, object_id)",
                        "example.attachment (content_type_id, object_id)",
                        "example.comment (subject_type_id, subject_id)",
                        "example.tagged_item (content_type_id, object_id)");
    }

    @Test
    void declaredKeysComeFirstAndNamedOnesFillIn() {
        dsl.execute("""
                create table example.note (
                    id bigint primary key,
                    about_type integer references polyref.content_type (id),
                    about_ref text,
                    target_content_type_id integer references polyref.content_type (id),
                    target_id bigint)""");
        dsl.execute("select polyref.declare_generic_key('example.note', 'about', 'about_type', 'about_ref')");
        try {
            assertThat(GenericKeyFinder.declaredOrNamed().find(dsl)).extracting(GenericKeyFinder.Columns::toString)
                    .containsExactly("example.activity (content_type_id, object_id)",
                        "example.attachment (content_type_id, object_id)",
                            "example.comment (subject_type_id, subject_id)",
                            "example.note (about_type, about_ref)",
                            "example.tagged_item (content_type_id, object_id)",
                            "example.note (target_content_type_id, target_id)");
            assertThat(Checks.genericKeyIndexes().run(dsl)).extracting(Problem::message)
                    .anyMatch(m -> m.startsWith("no index on (about_type, about_ref)"));
        } finally {
            dsl.execute("delete from polyref.generic_key where "
                    + "(select c.relname from pg_catalog.pg_class c where c.oid = table_name) = 'note'");
        }
    }

    @Test
    void aGenericKeyWithoutAnIndexOnBothColumnsIsAProblem() {
        dsl.execute("""
                create table example.note (
                    id bigint primary key,
                    target_content_type_id integer references polyref.content_type (id),
                    target_id bigint)""");
        // Neither an index on one column nor a partial index serves lookups of (type, id) pairs
        dsl.execute("create index on example.note (target_content_type_id)");
        dsl.execute("create index on example.note (target_content_type_id, target_id) where target_id > 0");

        List<Problem> problems = Checks.genericKeyIndexes().run(dsl);

        assertThat(problems).containsExactly(new Problem("generic-key-indexes", "example.note",
                "no index on (target_content_type_id, target_id), so finding the rows that point at an object scans "
                        + "the table; add one: create index on example.note (target_content_type_id, target_id)"));

        dsl.execute("create index on example.note (target_id, target_content_type_id, id)");
        assertThat(Checks.genericKeyIndexes().run(dsl)).as("either column order, more columns allowed").isEmpty();
    }

    @Test
    void aContentTypeColumnWithoutAnObjectIdIsNotAGenericKey() {
        createPermissionTable();

        assertThat(Checks.genericKeyIndexes().run(dsl)).isEmpty();
    }

    @Test
    void aCustomFinderReplacesTheNamingConvention() {
        createPermissionTable();
        GenericKeyFinder declared = db -> List.of(new GenericKeyFinder.Columns(
                new dev.polyref.catalogue.internal.ContentTypeColumn("example", "permission", "content_type_id"), "codename"));

        assertThat(new GenericKeyIndexCheck(declared).run(dsl)).extracting(Problem::subject)
                .containsExactly("example.permission");
    }

    @Test
    void aStaleContentTypeIsAProblemNamingItsDependentRows() {
        dsl.execute("create table example.old (id bigint primary key)");
        int id = Polyref.configure().load().using(dsl).contentTypes().sync("example").get(0).id();
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) values ('x', {0}, '1')", id);
        dsl.execute("drop table example.old");
        try {
            assertThat(Checks.staleContentTypes().run(dsl)).containsExactly(new Problem("stale-content-types",
                    "example.old (id " + id + ")", "its table is gone; 1 row refers to it (1 row in "
                            + "example.tagged_item (content_type_id)); remove it with StaleContentTypes.remove or "
                            + "'polyref stale --remove'"));
        } finally {
            dsl.execute("delete from example.tagged_item");
        }
    }

    @Test
    void anEnforcedKeyOverOldViolationsIsReportedUntilFixed() {
        dsl.execute("""
                create table example.note (
                    id bigint primary key,
                    content_type_id integer references polyref.content_type (id),
                    object_id bigint)""");
        int videoType = Polyref.configure().load().using(dsl).contentTypes().get(dev.polyref.example.db.Tables.VIDEO).id();
        dsl.execute("insert into example.note values (1, {0}, 424242)", videoType);
        dsl.execute("select polyref.declare_generic_key('example.note', 'target', "
                + "p_allowed_targets => array['example.video']::regclass[], p_enforced => true)");

        assertThat(Checks.integrity().run(dsl)).extracting(Problem::subject).containsExactly("key_not_valid");

        dsl.execute("delete from example.note");
        dsl.execute("select polyref.enforce_generic_key('example.note', 'target')");
        assertThat(Checks.integrity().run(dsl)).isEmpty();
        dsl.execute("drop table example.note");
    }

    @Test
    void rowsPointingAtMissingObjectsAreCountedPerKeyAndType() {
        ContentTypeRegistry registry = Polyref.configure().load().using(dsl).contentTypes();
        int video = registry.get(dev.polyref.example.db.Tables.VIDEO).id();
        int page = registry.get(dev.polyref.example.db.Tables.PAGE).id();
        dsl.execute("insert into example.video (id, title) values (1, 'kept')");
        dsl.execute("insert into example.page (slug, title) values ('home', 'Home')");
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) values "
                + "('ok', {0}, '1'), ('gone', {0}, '2'), ('gone', {0}, 'x'), ('padded', {0}, '01'), "
                + "('ok', {1}, 'home'), ('gone', {1}, 'away')", video, page);
        try {
            assertThat(Checks.danglingReferences().run(dsl)).containsExactlyInAnyOrder(
                    new Problem("dangling-references", "example.tagged_item", "1 row of generic key content_object "
                            + "points at missing objects of example.page (content type " + page + "); delete or fix "
                            + "them, or let PostgreSQL enforce the key (polyref.enforce_generic_key)"),
                    new Problem("dangling-references", "example.tagged_item", "3 rows of generic key content_object "
                            + "point at missing objects of example.video (content type " + video + "); delete or "
                            + "fix them, or let PostgreSQL enforce the key (polyref.enforce_generic_key)"));
        } finally {
            dsl.execute("delete from example.tagged_item");
            dsl.execute("delete from example.video");
            dsl.execute("delete from example.page");
        }
        assertThat(Checks.danglingReferences().run(dsl)).isEmpty();
    }

    @Test
    void aDeclarationWhoseColumnWasDroppedIsAProblem() {
        dsl.execute("""
                create table example.note (
                    id bigint primary key,
                    content_type_id integer references polyref.content_type (id),
                    object_id bigint)""");
        dsl.execute("select polyref.declare_generic_key('example.note', 'target')");
        dsl.execute("alter table example.note drop column object_id");

        assertThat(Checks.declarations().run(dsl)).extracting(Problem::subject, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("example.note",
                        "generic key target on example.note: object-id column example.note.object_id does not "
                                + "exist (E001)"));
        dsl.execute("delete from polyref.generic_key where "
                + "(select c.relname from pg_catalog.pg_class c where c.oid = table_name) = 'note'");
    }

    /** Django's auth_permission: refers to a content type, points at no object. */
    private void createPermissionTable() {
        dsl.execute("""
                create table example.permission (
                    id bigint primary key,
                    content_type_id integer not null references polyref.content_type (id),
                    codename text not null)""");
    }
}
