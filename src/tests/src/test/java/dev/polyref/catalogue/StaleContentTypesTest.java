package dev.polyref.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.catalogue.internal.StaleContentType;
import dev.polyref.catalogue.internal.StaleContentTypes;
import dev.polyref.catalogue.internal.DependentRows;
import dev.polyref.catalogue.internal.ContentTypeColumn;
import dev.polyref.Polyref;
import dev.polyref.PolyrefException;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PolyrefTest
class StaleContentTypesTest {

    private final DSLContext dsl;
    private ContentType gone;
    private ContentType empty;

    StaleContentTypesTest(TestDatabase db) {
        this.dsl = db.dsl();
    }

    /** Two stale content types: "gone" with rows in two referencing tables, "empty" with none. */
    @BeforeEach
    void twoStaleContentTypes() {
        dsl.execute("create table example.gone (id bigint primary key)");
        dsl.execute("create table example.empty (id bigint primary key)");
        ContentTypeRegistry registry = Polyref.configure().load().using(dsl).contentTypes();
        registry.sync("example");
        gone = registry.get(NaturalKey.of("example", "gone"));
        empty = registry.get(NaturalKey.of("example", "empty"));
        dsl.execute("insert into example.users (id, username) values (1, 'ada')");
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) values "
                + "('a', {0}, '1'), ('b', {0}, '2'), ('c', {0}, '3')", gone.id());
        dsl.execute("insert into example.activity (user_id, action, content_type_id, object_id) values "
                + "(1, 'liked', {0}, 1)", gone.id());
        dsl.execute("insert into example.tagged_item (tag, content_type_id, object_id) select 'kept', id, '1' "
                + "from polyref.content_type where model = 'video'");
        dsl.execute("drop table example.gone, example.empty");
    }

    @AfterEach
    void cleanUp() {
        dsl.execute("delete from example.tagged_item");
        dsl.execute("delete from example.activity");
        dsl.execute("delete from example.users");
        dsl.execute("delete from polyref.content_type where model in ('gone', 'empty', 'back')");
        dsl.execute("drop table if exists example.gone, example.empty");
    }

    @Test
    void findsEveryColumnWithAForeignKeyToTheCatalogue() {
        assertThat(ContentTypeColumn.findAll(dsl)).extracting(ContentTypeColumn::qualifiedName).containsExactly(
                "example.activity.content_type_id", "example.attachment.content_type_id", "example.comment.subject_type_id",
                "example.tagged_item.content_type_id");
    }

    @Test
    void reportCountsTheDependentRowsPerReferencingTable() {
        List<StaleContentType> report = StaleContentTypes.report(dsl);

        assertThat(report).extracting(StaleContentType::contentType).containsExactly(empty, gone);
        assertThat(report.get(0).dependents()).isEmpty();
        assertThat(report.get(1).dependents()).extracting(DependentRows::toString).containsExactly(
                "1 row in example.activity (content_type_id)", "3 rows in example.tagged_item (content_type_id)");
        assertThat(report.get(1).dependentRows()).isEqualTo(4);
    }

    @Test
    void removeDeletesTheDependentRowsThenTheContentTypes() {
        List<StaleContentType> removed = StaleContentTypes.remove(dsl, List.of(gone, empty));

        assertThat(removed).extracting(StaleContentType::dependentRows).containsExactly(0L, 4L);
        assertThat(StaleContentTypes.report(dsl)).isEmpty();
        assertThat(dsl.fetchCount(dsl.selectFrom("example.tagged_item"))).as("rows of other types stay").isOne();
        assertThat(dsl.fetchCount(dsl.selectFrom("example.activity"))).isZero();
        assertThat(dsl.fetchCount(dsl.selectFrom("polyref.content_type").where("model in ('gone', 'empty')")))
                .isZero();
    }

    @Test
    void removeAllRemovesWhateverIsStale() {
        assertThat(StaleContentTypes.removeAll(dsl)).hasSize(2);
        assertThat(StaleContentTypes.removeAll(dsl)).isEmpty();
    }

    @Test
    void removeRefusesAContentTypeWhoseTableExistsAgainAndRemovesNothing() {
        dsl.execute("create table example.empty (id bigint primary key)");

        assertThatThrownBy(() -> StaleContentTypes.remove(dsl, List.of(gone, empty)))
                .isInstanceOf(PolyrefException.class)
                .hasMessage("Content type example.empty (id " + empty.id() + ") is not stale: its table exists; "
                        + "nothing was removed");
        assertThat(StaleContentTypes.report(dsl)).extracting(StaleContentType::contentType).containsExactly(gone);
        assertThat(StaleContentTypes.report(dsl).get(0).dependentRows()).isEqualTo(4);
    }

    @Test
    void aFailingDeleteRemovesNothing() {
        // A row of a referencing table that another table still needs: the delete fails, everything rolls back
        dsl.execute("create table example.pin (tagged_item_id bigint not null references example.tagged_item (id))");
        try {
            dsl.execute("insert into example.pin select id from example.tagged_item where tag = 'a'");

            assertThatThrownBy(() -> StaleContentTypes.remove(dsl, List.of(gone, empty)))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("on table \"pin\"");
            assertThat(StaleContentTypes.report(dsl)).hasSize(2);
            assertThat(StaleContentTypes.report(dsl).get(1).dependentRows()).isEqualTo(4);
        } finally {
            dsl.execute("drop table example.pin");
        }
    }
}
