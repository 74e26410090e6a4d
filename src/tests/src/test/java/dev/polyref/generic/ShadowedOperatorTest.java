package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.example.db.Models;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ordinary role that may create objects in a schema on a superuser's {@code search_path} ({@code public} on
 * databases older than PostgreSQL 15) creates operators for the exact argument types Polyref's SQL compares
 * (text against pgjdbc's varchar binds), each of which makes its caller superuser when it runs. Then the
 * superuser uses the resolver: PostgreSQL must keep using its own operators.
 */
@PolyrefTest
class ShadowedOperatorTest extends ResolverTestBase {

    private final TestDatabase db;
    private TestRoles roles;
    private TestRoles.Role mallory;
    private TaggedItemRecord tagOnPage;

    ShadowedOperatorTest(TestDatabase db) {
        super(db);
        this.db = db;
    }

    @BeforeEach
    void malloryShadowsTextOperatorsInPublic() {
        tagOnPage = resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag("t"), data.page);
        tagOnPage.store();
        resolver.setTarget(TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag("v"), data.video).store();
        // The catalogue is warm: only the generic package's own SQL runs after this
        registry.fetchAll();
        roles = new TestRoles(db);
        mallory = roles.create("mallory");
        dsl.execute("grant create, usage on schema public to " + mallory.quoted());
        DSLContext attacker = roles.connect(mallory);
        assertThat(malloryIsSuperuser()).isFalse();
        attacker.execute("""
                create function public.escalate(l text, r varchar) returns boolean language plpgsql as $$
                begin
                    execute pg_catalog.format('alter role %I superuser', '%s');
                    return l operator(pg_catalog.=) r::text;
                end $$""".replace("%s", mallory.name()));
        attacker.execute("create operator public.= (leftarg = text, rightarg = varchar, "
                + "function = public.escalate)");
        attacker.execute("create operator public.~ (leftarg = text, rightarg = varchar, "
                + "function = public.escalate)");
        assertThat(dsl.fetchValue("select pg_catalog.current_setting('search_path')")).as("the victim's path")
                .asString().contains("public");
    }

    @AfterEach
    void dropRoles() throws Exception {
        dsl.execute("revoke create on schema public from " + mallory.quoted());
        roles.close();
    }

    /** TestRoles.isSuperuser compares a name with a varchar bind, which Mallory's operator makes ambiguous. */
    private boolean malloryIsSuperuser() {
        return Boolean.TRUE.equals(dsl.fetchValue("select rolsuper from pg_catalog.pg_roles "
                + "where rolname operator(pg_catalog.=) cast({0} as name)", DSL.inline(mallory.name())));
    }

    @Test
    void fetchingATextKeyedTargetDoesNotRunAShadowedEquals() {
        assertThat(resolver.fetchOptional(resolver.ref(data.page))).get().isEqualTo(data.page);
        assertThat(malloryIsSuperuser()).isFalse();
    }

    @Test
    void pointsAtOnATextObjectIdDoesNotRunAShadowedEquals() {
        assertThat(dsl.selectFrom(TAGGED_ITEM).where(resolver.conditions().pointsAt(TAGGED_ITEM_CONTENT_OBJECT,
                data.page)).fetch()).containsExactly(tagOnPage);
        assertThat(malloryIsSuperuser()).isFalse();
    }

    @Test
    void targetMatchesOnATextObjectIdDoesNotRunAShadowedRegexMatch() {
        assertThat(dsl.fetchCount(TAGGED_ITEM, resolver.conditions().targetMatches(TAGGED_ITEM_CONTENT_OBJECT,
                Models.VIDEO, VIDEO.TITLE.eq(DSL.inline("cats"))))).as("the caller's own condition: a literal")
                .isEqualTo(1);
        assertThat(malloryIsSuperuser()).isFalse();
    }

    @Test
    void reverseRelationOverTextObjectIdsDoesNotRunAShadowedEquals() {
        var videoTags = polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
        assertThat(videoTags.fetch(data.video)).extracting(TaggedItemRecord::getTag).containsExactly("v");
        assertThat(malloryIsSuperuser()).isFalse();
    }
}
