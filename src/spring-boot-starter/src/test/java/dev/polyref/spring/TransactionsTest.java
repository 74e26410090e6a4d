package dev.polyref.spring;

import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.spring.test.PolyrefSpringBootTest;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Spring-managed transactions and Polyref share one connection: a rollback undoes Polyref's writes. */
@PolyrefTest(locations = "classpath:dev/polyref/example/migrations", schemas = "example")
@PolyrefSpringBootTest(properties = "polyref.models-packages=dev.polyref.example")
class TransactionsTest {

    @Autowired
    TagService tags;

    @Test
    void aRollbackUndoesPolyrefsWrites(TestDatabase db) {
        assertThatThrownBy(() -> tags.videoWithTag("Rolled back", "gone", true))
                .isInstanceOf(IllegalStateException.class).hasMessage("rolled back on purpose");
        assertThat(db.dsl().fetchCount(VIDEO, VIDEO.TITLE.eq("Rolled back"))).isZero();
        assertThat(db.dsl().fetchCount(TAGGED_ITEM, TAGGED_ITEM.TAG.eq("gone"))).isZero();
    }

    @Test
    void aCommitKeepsThem(TestDatabase db) {
        long video = tags.videoWithTag("Committed", "kept", false);
        assertThat(db.dsl().fetchCount(VIDEO, VIDEO.TITLE.eq("Committed"))).isEqualTo(1);
        assertThat(db.dsl().fetch(TAGGED_ITEM, TAGGED_ITEM.TAG.eq("kept")))
                .singleElement().satisfies(t -> assertThat(t.getObjectId()).isEqualTo(Long.toString(video)));
    }

    @Test
    void theContextRunsOnTheTestKitsDatabase(TestDatabase db, @Autowired javax.sql.DataSource dataSource)
            throws Exception {
        try (var c = dataSource.getConnection()) {
            assertThat(c.getCatalog()).isEqualTo(db.name());
        }
    }
}
