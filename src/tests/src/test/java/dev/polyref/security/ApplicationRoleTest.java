package dev.polyref.security;

import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polyref.Polyref;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.catalogue.internal.StaleContentTypes;
import dev.polyref.example.db.Models;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.sql.SQLException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Polyref's Java API as an ordinary application role with only the grants that docs/security.md gives an
 * application: it reads the catalogue and writes its own tables' generic references, and it cannot change the
 * catalogue.
 */
@PolyrefTest
class ApplicationRoleTest {

    /** What an application role needs: read the catalogue, use its own tables. {@code %s} is the role. */
    static final List<String> GRANTS = List.of(
            "grant usage on schema polyref to %s",
            "grant select on polyref.content_type to %s",
            "grant usage on schema example to %s",
            "grant select, insert, update, delete on all tables in schema example to %s",
            "grant usage on all sequences in schema example to %s");

    private static final String PERMISSION_DENIED = "42501";

    private final TestDatabase db;
    private TestRoles roles;
    private DSLContext app;

    ApplicationRoleTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void applicationRoleWithTheDocumentedGrants() {
        roles = new TestRoles(db);
        TestRoles.Role role = roles.create("app");
        GRANTS.forEach(grant -> db.dsl().execute(grant.formatted(role.quoted())));
        app = roles.connect(role);
    }

    @AfterEach
    void cleanUp() throws SQLException {
        roles.close();
        db.dsl().execute("delete from example.tagged_item");
        db.dsl().execute("delete from polyref.content_type where model = 'gone'");
        db.dsl().execute("drop table if exists example.gone");
    }

    @Test
    void looksUpContentTypesInEveryWay() {
        ContentTypeRegistry registry = Polyref.configure().models(Models.ALL).load().using(app).contentTypes();

        ContentType video = registry.get(NaturalKey.of("example", "video"));
        assertThat(registry.get(VIDEO)).isEqualTo(video);
        assertThat(registry.get(Models.VIDEO)).isEqualTo(video);
        assertThat(Polyref.configure().load().using(app).contentTypes().get(video.id())).isEqualTo(video);
        assertThat(Polyref.configure().load().using(app).contentTypes().getAll(List.of(VIDEO, TAGGED_ITEM))).containsValue(video);
        assertThat(Polyref.configure().load().using(app).contentTypes().getAllById(List.of(video.id()))).containsValue(video);
        assertThat(Polyref.configure().load().using(app).contentTypes().fetchAll()).contains(video);
        assertThat(registry.fetchOptional(video, VIDEO.ID.eq(-1L))).isEmpty();
    }

    @Test
    void writesAndReadsAGenericReferenceInItsOwnTables() {
        int video = Polyref.configure().load().using(app).contentTypes().get(VIDEO).id();

        app.insertInto(TAGGED_ITEM, TAGGED_ITEM.TAG, TAGGED_ITEM.CONTENT_TYPE_ID, TAGGED_ITEM.OBJECT_ID)
                .values("fun", video, "42").execute();

        assertThat(app.fetchOne(TAGGED_ITEM).getContentTypeId()).isEqualTo(video);
    }

    @Test
    void cannotInsertIntoTheCatalogue() {
        assertPermissionDeniedAndCatalogueUnchanged(
                () -> app.execute("insert into polyref.content_type (app_label, model) values ('example', 'x')"));
    }

    @Test
    void cannotUpdateTheCatalogue() {
        assertPermissionDeniedAndCatalogueUnchanged(
                () -> app.execute("update polyref.content_type set model = 'x' where model = 'video'"));
    }

    @Test
    void cannotDeleteFromTheCatalogue() {
        assertPermissionDeniedAndCatalogueUnchanged(
                () -> app.execute("delete from polyref.content_type where model = 'video'"));
    }

    @Test
    void cannotSyncTheCatalogue() {
        db.dsl().execute("create table example.gone (id bigint primary key)");
        assertPermissionDeniedAndCatalogueUnchanged(() -> Polyref.configure().load().using(app).contentTypes().sync("example"));
    }

    @Test
    void cannotRemoveStaleContentTypes() {
        db.dsl().execute("create table example.gone (id bigint primary key)");
        Polyref.configure().load().using(db.dsl()).contentTypes().sync("example");
        db.dsl().execute("drop table example.gone");
        assertPermissionDeniedAndCatalogueUnchanged(() -> StaleContentTypes.removeAll(app));
    }

    private void assertPermissionDeniedAndCatalogueUnchanged(ThrowingCallable action) {
        Result<Record> before = catalogue();
        DataAccessException e = catchThrowableOfType(DataAccessException.class, action);
        assertThat(e).as("the application role's attempt fails").isNotNull();
        assertThat(e.sqlState()).as(e.getMessage()).isEqualTo(PERMISSION_DENIED);
        assertThat(catalogue()).isEqualTo(before);
    }

    private Result<Record> catalogue() {
        return db.dsl().resultQuery("select * from polyref.content_type order by id").fetch();
    }
}
