package dev.polyref.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.codegen.GenericKeyDeclarations.Declaration;
import dev.polyref.example.db.GenericKeys;
import dev.polyref.example.db.Models;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** polyref.declare_generic_key (Django's checks E001-E004 in SQL) and what code generation reads from it. */
@PolyrefTest
class GenericKeyDeclarationTest {

    private final DSLContext dsl;

    GenericKeyDeclarationTest(TestDatabase db) {
        this.dsl = db.dsl();
    }

    @BeforeEach
    void scratchTable() {
        dsl.execute("""
                create table example.scratch (
                    id bigint primary key,
                    content_type_id integer references polyref.content_type (id),
                    object_id bigint,
                    plain_ct integer,
                    user_ct bigint references example.users (id),
                    wide_ct bigint,
                    numeric_id numeric,
                    text_id text)""");
    }

    @AfterEach
    void dropScratch() {
        dsl.execute("delete from polyref.generic_key where "
                + "(select c.relname from pg_catalog.pg_class c where c.oid = table_name) = 'scratch'");
        dsl.execute("drop table example.scratch");
    }

    @Test
    void theExampleDeclarationsAreWhatCodeGenerationRead() {
        List<Declaration> keys = GenericKeyDeclarations.read(dsl, "example");
        assertThat(keys).extracting(Declaration::table, Declaration::name, Declaration::ctColumn,
                Declaration::idColumn).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("activity", "target", "content_type_id", "object_id"),
                        org.assertj.core.groups.Tuple.tuple("attachment", "owner", "content_type_id", "object_id"),
                        org.assertj.core.groups.Tuple.tuple("comment", "subject", "subject_type_id", "subject_id"),
                        org.assertj.core.groups.Tuple.tuple("tagged_item", "content_object", "content_type_id",
                                "object_id"));
        assertThat(keys.get(0).targets()).extracting(NaturalKey::model)
                .containsExactly("bookmark", "post", "song", "users", "video");
        assertThat(keys.get(3).targets()).as("no allowed list: any table").isEmpty();

        assertThat(GenericKeys.ACTIVITY_TARGET.allowedTargets()).contains(Models.VIDEO, Models.USERS);
        assertThat(GenericKeys.COMMENT_SUBJECT.objectIdField().getType()).isEqualTo(java.util.UUID.class);
        assertThat(GenericKeys.ALL).hasSize(4);
    }

    @Test
    void malformedDeclarationsFailNamingTableAndColumn() {
        assertDeclareFails("p_id_column => 'nope'",
                "object-id column example.scratch.nope does not exist (E001)");
        assertDeclareFails("p_ct_column => 'nope'",
                "content-type column example.scratch.nope does not exist (E002)");
        assertDeclareFails("p_ct_column => 'plain_ct'",
                "content-type column example.scratch.plain_ct is not a foreign key; it must reference "
                        + "polyref.content_type (id) (E003)");
        assertDeclareFails("p_ct_column => 'wide_ct'",
                "content-type column example.scratch.wide_ct has type bigint; it must be integer");
        dsl.execute("alter table example.scratch alter column user_ct type integer");
        assertDeclareFails("p_ct_column => 'user_ct'",
                "content-type column example.scratch.user_ct references example.users (id), not "
                        + "polyref.content_type (id) (E004)");
        assertDeclareFails("p_id_column => 'numeric_id'",
                "object-id column example.scratch.numeric_id has type numeric; use bigint, text or uuid");
        assertDeclareFails("p_allowed_targets => array['example.document']::regclass[]",
                "allowed target example.document has a uuid primary key (id), which the bigint object-id column "
                        + "example.scratch.object_id cannot hold");
        assertDeclareFails("p_allowed_targets => array['example.playlist_entry']::regclass[]",
                "allowed target example.playlist_entry has no single-column primary key");
        assertThat(dsl.fetchCount(dsl.selectFrom("polyref.generic_key").where("table_name = 'example.scratch'::regclass")))
                .as("nothing written").isZero();
    }

    @Test
    void aTextObjectIdMayHoldAnyKeyTypeAndRedeclaringReplacesTheTargets() {
        dsl.execute("select polyref.declare_generic_key('example.scratch', 'thing', p_id_column => 'text_id', "
                + "p_allowed_targets => array['example.document', 'example.page', 'example.video']::regclass[])");
        assertThat(targetsOfScratch()).containsExactly("document", "page", "video");

        dsl.execute("select polyref.declare_generic_key('example.scratch', 'thing', p_id_column => 'text_id', "
                + "p_allowed_targets => array['example.song']::regclass[])");
        assertThat(targetsOfScratch()).containsExactly("song");
        assertThat(dsl.fetchValue("select id_type from polyref.generic_key where "
                + "(select c.relname from pg_catalog.pg_class c where c.oid = table_name) = 'scratch'"))
                .isEqualTo("text");
    }

    @Test
    void aVarcharKeyWithALengthIsATargetOfATextObjectIdButNotOfABigintOne() {
        dsl.execute("create table example.coded (code varchar(12) primary key)");
        try {
            dsl.execute("select polyref.declare_generic_key('example.scratch', 'thing', p_id_column => 'text_id', "
                    + "p_allowed_targets => array['example.coded']::regclass[])");
            assertThat(targetsOfScratch()).containsExactly("coded");
            assertThat(dsl.fetch("select * from polyref.generic_key_problems()")).isEmpty();
            assertDeclareFails("p_allowed_targets => array['example.coded']::regclass[]",
                    "allowed target example.coded has a character varying(12) primary key");
        } finally {
            dsl.execute("delete from polyref.generic_key where "
                    + "(select c.relname from pg_catalog.pg_class c where c.oid = table_name) = 'scratch'");
            dsl.execute("delete from polyref.content_type where model = 'coded'");
            dsl.execute("drop table example.coded");
        }
    }

    @Test
    void declaringInTheMigrationThatCreatesTheTargetAddsItsCatalogueRow() {
        dsl.execute("create table example.fresh (id bigint primary key)");
        dsl.execute("select polyref.declare_generic_key('example.scratch', 'thing', "
                + "p_allowed_targets => array['example.fresh']::regclass[])");
        assertThat(targetsOfScratch()).containsExactly("fresh");
        dsl.execute("delete from polyref.generic_key where "
                + "(select c.relname from pg_catalog.pg_class c where c.oid = table_name) = 'scratch'");
        dsl.execute("delete from polyref.content_type where model = 'fresh'");
        dsl.execute("drop table example.fresh");
    }

    @Test
    void codeGenerationFailsWhenADeclaredColumnChangedAfterwards() {
        dsl.execute("select polyref.declare_generic_key('example.scratch', 'thing')");
        dsl.execute("alter table example.scratch drop column object_id");
        assertThatThrownBy(() -> GenericKeyDeclarations.read(dsl, "example"))
                .isInstanceOf(MalformedDeclarationException.class)
                .hasMessageContaining("generic key thing on example.scratch: object-id column "
                        + "example.scratch.object_id does not exist (E001)");
    }

    private List<String> targetsOfScratch() {
        return dsl.fetch("""
                select ct.model from polyref.generic_key gk
                join polyref.generic_key_target t on t.generic_key_id = gk.id
                join polyref.content_type ct on ct.id = t.content_type_id
                where (select c.relname from pg_catalog.pg_class c where c.oid = gk.table_name) = 'scratch' order by ct.model""").getValues(0, String.class);
    }

    private void assertDeclareFails(String arguments, String message) {
        assertThatThrownBy(() -> dsl.execute(
                "select polyref.declare_generic_key('example.scratch', 'thing', " + arguments + ")"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("generic key thing on example.scratch: " + message)
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("42P17"));
    }
}
