package dev.polyref.catalogue;

import static dev.polyref.example.db.Tables.BOOKMARK;
import static dev.polyref.example.db.Tables.DOCUMENT;
import static dev.polyref.example.db.Tables.PLAYLIST_ENTRY;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.USERS;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.NullArgumentException;
import dev.polyref.Polyref;
import dev.polyref.PolyrefException;
import dev.polyref.StaleContentTypeException;
import dev.polyref.UnknownContentTypeException;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.UsersRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.exception.TooManyRowsException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PolyrefTest
class ContentTypeRegistryTest {

    private final DSLContext dsl;
    private final StatementCounter statements;
    private ContentTypeRegistry registry;

    ContentTypeRegistryTest(TestDatabase db) {
        this.dsl = db.dsl();
        this.statements = db.counter();
    }

    @BeforeEach
    void freshRegistry() {
        registry = Polyref.configure().models(Models.ALL).load().using(dsl).contentTypes();
        statements.reset();
    }

    @Test
    void anAliasOfACataloguedTableResolvesToItsContentType() {
        ContentType video = registry.get(VIDEO);
        statements.reset();

        assertThat(registry.get(VIDEO.as("v"))).isEqualTo(video);
        assertThat(registry.get(VIDEO.as("v").as("w"))).as("alias of an alias").isEqualTo(video);
        assertThat(registry.get(DSL.table(DSL.name("example", "video")).as("plain"))).as("plain-SQL table")
                .isEqualTo(video);
        assertThat(registry.getAll(List.of(VIDEO.as("a"), SONG.as("b"))).values())
                .containsExactly(video, registry.get(SONG));
        assertThat(NaturalKey.of(USERS.as("u"))).isEqualTo(NaturalKey.of("example", "users"));
        assertThat(statements.count()).as("the song only").isEqualTo(1);
        assertThatThrownBy(() -> registry.get(DSL.table(DSL.name("video")).as("v")))
                .isInstanceOf(UnknownContentTypeException.class).hasMessageContaining("not schema-qualified");
    }

    @Test
    void findIsEmptyWhereGetThrows() {
        assertThat(registry.find(NaturalKey.of("example", "nope"))).isEmpty();
        assertThat(registry.find(999_999)).isEmpty();
        assertThatThrownBy(() -> registry.get(999_999)).isInstanceOf(UnknownContentTypeException.class)
                .hasMessageContaining("999999");
        assertThat(registry.find(NaturalKey.of("example", "video"))).contains(registry.get(VIDEO));
    }

    @Test
    void coldLookupCostsOneQueryAndWarmLookupsByAnyKeyCostNone() {
        ContentType video = registry.get(VIDEO);
        assertThat(statements.count()).isEqualTo(1);
        assertThat(video.appLabel()).isEqualTo("example");
        assertThat(video.model()).isEqualTo("video");

        statements.reset();
        assertThat(registry.get(VIDEO)).isEqualTo(video);
        assertThat(registry.get(video.id())).isEqualTo(video);
        assertThat(registry.get(NaturalKey.of("example", "video"))).isEqualTo(video);
        assertThat(registry.get(Models.VIDEO)).isEqualTo(video);
        assertThat(registry.get(dsl.newRecord(VIDEO))).isEqualTo(video);
        assertThat(statements.count()).isZero();
    }

    @Test
    void lookupByIdFillsTheNaturalKeyCacheAndViceVersa() {
        int songId = dsl.select(DSL.field("id", Integer.class)).from("polyref.content_type")
                .where("app_label = 'example' and model = 'song'").fetchSingle().value1();
        statements.reset();
        ContentType song = registry.get(songId);
        assertThat(registry.get(SONG)).isEqualTo(song);
        assertThat(statements.count()).isEqualTo(1);
    }

    @Test
    void oneQueryWarmsTheWholeCatalogue() {
        List<ContentType> all = registry.fetchAll();
        assertThat(statements.count()).isEqualTo(1);
        assertThat(all).extracting(ContentType::model)
                .contains("activity", "bookmark", "comment", "document", "page", "playlist_entry", "post", "song",
                        "tagged_item", "users", "video")
                .doesNotContain("flyway_schema_history", "content_type", "polyref_schema_history");

        statements.reset();
        for (ContentType ct : all) {
            assertThat(registry.get(ct.id())).isEqualTo(ct);
            assertThat(registry.get(ct.naturalKey())).isEqualTo(ct);
        }
        assertThat(statements.count()).isZero();
    }

    @Test
    void clearCacheMakesTheNextLookupQueryAgain() {
        registry.get(VIDEO);
        registry.clearCache();
        statements.reset();
        registry.get(VIDEO);
        registry.get(VIDEO);
        assertThat(statements.count()).isEqualTo(1);
    }

    @Test
    void getAllFetchesEveryUncachedTableInOneQuery() {
        List<Table<?>> tables = List.of(VIDEO, SONG, BOOKMARK, DOCUMENT);
        Map<Table<?>, ContentType> types = registry.getAll(tables);
        assertThat(statements.count()).as(statements.statements().toString()).isEqualTo(1);
        assertThat(types.keySet()).containsExactlyElementsOf(tables);
        assertThat(types.get(DOCUMENT).model()).isEqualTo("document");

        statements.reset();
        registry.getAll(tables);
        assertThat(statements.count()).as("full cache").isZero();

        registry.clearCache();
        registry.get(VIDEO);
        statements.reset();
        registry.getAll(List.of(VIDEO, USERS));
        assertThat(statements.count()).as("partial cache").isEqualTo(1);
    }

    @Test
    void modelGivesTheTypedTableRecordTypeAndKey() {
        ContentType users = registry.get(USERS);
        Model<?, ?> model = registry.findModel(users).orElseThrow();
        assertThat(model).isSameAs(Models.USERS);
        assertThat(model.table()).isSameAs(USERS);
        assertThat(model.recordType()).isEqualTo(UsersRecord.class);
        assertThat(model.keyType()).isEqualTo(Long.class);
        assertThat(model.primaryKey()).isSameAs(USERS.ID);
    }

    @Test
    void aTableWithoutASingleColumnKeyHasAContentTypeButNoModel() {
        ContentType playlist = registry.get(PLAYLIST_ENTRY);
        assertThat(registry.findModel(playlist)).isEmpty();
    }

    @Test
    void fetchOptionalLoadsOneObjectOfTheTypeByCondition() {
        dsl.insertInto(USERS, USERS.USERNAME).values("guido").values("linus").execute();
        ContentType users = registry.get(USERS);

        assertThat(registry.fetchOptional(users, USERS.USERNAME.eq("guido")))
                .get().isInstanceOfSatisfying(UsersRecord.class, u -> assertThat(u.getUsername()).isEqualTo("guido"));
        assertThat(registry.fetchOptional(users, USERS.USERNAME.eq("nobody"))).isEmpty();
        assertThatThrownBy(() -> registry.fetchOptional(users, USERS.USERNAME.in("guido", "linus")))
                .isInstanceOf(TooManyRowsException.class);
    }

    @Test
    void unknownIdNaturalKeyAndTableRaiseMessagesNamingWhatWasAsked() {
        assertThatThrownBy(() -> registry.get(987654))
                .isInstanceOf(UnknownContentTypeException.class)
                .hasMessageContaining("id 987654");
        assertThatThrownBy(() -> registry.get(NaturalKey.of("example", "nope")))
                .isInstanceOf(UnknownContentTypeException.class)
                .hasMessageContaining("example.nope");
        assertThatThrownBy(() -> registry.get(DSL.table(DSL.name("example", "not_a_table"))))
                .isInstanceOf(UnknownContentTypeException.class)
                .hasMessageContaining("example.not_a_table");
        assertThatThrownBy(() -> registry.get(DSL.table(DSL.name("unqualified"))))
                .isInstanceOf(UnknownContentTypeException.class)
                .hasMessageContaining("unqualified").hasMessageContaining("schema-qualified");
        assertThatThrownBy(() -> registry.getAll(List.of(VIDEO, DSL.table(DSL.name("example", "x")),
                DSL.table(DSL.name("example", "y")))))
                .isInstanceOf(UnknownContentTypeException.class)
                .hasMessageContaining("example.x, example.y");
    }

    @Test
    void nullArgumentsRaiseAPolyrefExceptionNamingTheParameter() {
        assertThatThrownBy(() -> registry.get((Table<?>) null))
                .isInstanceOf(NullArgumentException.class).isInstanceOf(PolyrefException.class)
                .hasMessage("Argument 'table' must not be null");
        assertThatThrownBy(() -> registry.get((NaturalKey) null)).hasMessageContaining("'key'");
        assertThatThrownBy(() -> registry.get((Model<?, ?>) null)).hasMessageContaining("'model'");
        assertThatThrownBy(() -> registry.getAll(null)).hasMessageContaining("'tables'");
        assertThatThrownBy(() -> registry.findModel(null)).hasMessageContaining("'contentType'");
        assertThatThrownBy(() -> NaturalKey.of(null, "video")).hasMessageContaining("'appLabel'");
        assertThatThrownBy(() -> Polyref.configure().load().using(null)).hasMessageContaining("'dsl'");
    }

    @Test
    void aDroppedTableIsStaleAndCannotBeLoaded() {
        dsl.execute("create table example.old_thing (id bigint primary key)");
        assertThat(registry.sync("example")).extracting(ContentType::model).containsExactly("old_thing");
        ContentType old = registry.get(NaturalKey.of("example", "old_thing"));
        assertThat(registry.fetchStale()).doesNotContain(old);

        dsl.execute("drop table example.old_thing");
        assertThat(registry.fetchStale()).containsExactly(old);
        assertThat(registry.get(old.id())).as("stale rows stay readable by id").isEqualTo(old);
        assertThat(registry.findModel(old)).isEmpty();
        assertThatThrownBy(() -> registry.fetchOptional(old, DSL.noCondition()))
                .isInstanceOf(StaleContentTypeException.class)
                .hasMessageContaining("example.old_thing");
        dsl.execute("delete from polyref.content_type where id = " + old.id());
    }
}
