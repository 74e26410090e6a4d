package dev.polyref.generic;

import static dev.polyref.example.db.Tables.ATTACHMENT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.InvalidArgumentException;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.tables.records.AttachmentRecord;
import dev.polyref.example.db.tables.records.PostRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.TooManyRowsException;
import org.junit.jupiter.api.Test;

/**
 * Django's get_or_create and update_or_create through a relation: statement counts on both paths (a unique key
 * arbitrates with ON CONFLICT; without one an advisory lock serialises), and several connections at once creating
 * exactly one row.
 */
@PolyrefTest
class GetOrCreateTest extends ChangesetTestBase {

    private static final int CALLERS = 6;

    GetOrCreateTest(TestDatabase db) {
        super(db);
    }

    private RelatedObjects<VideoRecord, TaggedItemRecord> videoTags() {
        return polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
    }

    @Test
    void getOrCreateWithAUniqueKeyFindsInOneStatementAndCreatesInTwo() {
        FoundOrCreated<AttachmentRecord> found = statements.assertStatements(1, () -> attachments.getOrCreate(
                data.post, a -> a.setName("draft.txt"), a -> a.setCaption("ignored")));
        assertThat(found.created()).isFalse();
        assertThat(found.record().getId()).isEqualTo(draft.getId());
        assertThat(found.record().getCaption()).isNull();

        statements.reset();
        FoundOrCreated<AttachmentRecord> made = attachments.getOrCreate(data.post, a -> a.setName("notes.txt"),
                a -> a.setCaption("created").setName("loses to the lookup"));
        assertThat(statements.statements()).hasSize(2);
        assertThat(statements.statements().get(1)).startsWith("insert").contains("on conflict", "do nothing");
        assertThat(made.created()).isTrue();
        assertThat(made.record()).extracting(AttachmentRecord::getName, AttachmentRecord::getCaption,
                AttachmentRecord::getObjectId).containsExactly("notes.txt", "created", data.post.getId());
        // video 1 has the same id as the post: its own "notes.txt" is another row
        RelatedObjects<VideoRecord, AttachmentRecord> videoAttachments =
                polyref.relation(GenericRelations.VIDEO__ATTACHMENT_OWNER);
        assertThat(videoAttachments.getOrCreate(data.video, a -> a.setName("notes.txt"), a -> {}).created()).isTrue();
        assertThat(dsl.fetchCount(ATTACHMENT, ATTACHMENT.NAME.eq("notes.txt"))).isEqualTo(2);
    }

    @Test
    void getOrCreateWithoutAUniqueKeyLocksAndCreatesInFourStatements() {
        FoundOrCreated<TaggedItemRecord> made = videoTags().getOrCreate(data.video, t -> t.setTag("cats"), t -> {});
        assertThat(statements.statements()).hasSize(4);
        assertThat(statements.statements().get(1)).contains("pg_catalog.pg_advisory_xact_lock");
        assertThat(made.created()).isTrue();
        statements.reset();
        FoundOrCreated<TaggedItemRecord> found = statements.assertStatements(1,
                () -> videoTags().getOrCreate(data.video, t -> t.setTag("cats"), t -> {}));
        assertThat(found.created()).isFalse();
        assertThat(found.record().getId()).isEqualTo(made.record().getId());

        videoTags().create(data.video, t -> t.setTag("cats"));
        assertThatThrownBy(() -> videoTags().getOrCreate(data.video, t -> t.setTag("cats"), t -> {}))
                .isInstanceOf(TooManyRowsException.class);
        assertThatThrownBy(() -> videoTags().getOrCreate(data.video, t -> t.setObjectId("2"), t -> {}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("example.tagged_item.object_id, which the relation sets itself");
    }

    @Test
    void updateOrCreateIsOneStatementWithAUniqueKeyAndThreeWithout() {
        FoundOrCreated<AttachmentRecord> updated = statements.assertStatements(1, () -> attachments.updateOrCreate(
                data.post, a -> a.setName("draft.txt"), a -> a.setCaption("v2")));
        assertThat(updated.created()).isFalse();
        assertThat(updated.record().getId()).isEqualTo(draft.getId());
        assertThat(updated.record().getCaption()).isEqualTo("v2");
        FoundOrCreated<AttachmentRecord> created = statements.assertStatements(1, () -> attachments.updateOrCreate(
                data.post, a -> a.setName("new.txt"), a -> a.setCaption("v1")));
        assertThat(created.created()).isTrue();
        assertThat(attachments.fetch(data.post)).extracting(AttachmentRecord::getName, AttachmentRecord::getCaption)
                .contains(org.assertj.core.api.Assertions.tuple("draft.txt", "v2"),
                        org.assertj.core.api.Assertions.tuple("new.txt", "v1"));

        statements.reset();
        FoundOrCreated<TaggedItemRecord> tag = statements.assertStatements(3, () -> videoTags().updateOrCreate(
                data.video, t -> t.setTag("cats"), t -> {}));
        assertThat(tag.created()).isTrue();
        FoundOrCreated<TaggedItemRecord> renamed = statements.assertStatements(3, () -> videoTags().updateOrCreate(
                data.video, t -> t.setTag("cats"), t -> t.setTag("kittens")));
        assertThat(renamed.created()).isFalse();
        assertThat(renamed.record().getId()).isEqualTo(tag.record().getId());
        assertThat(dsl.fetchValue(TAGGED_ITEM.TAG, TAGGED_ITEM.ID.eq(tag.record().getId()))).isEqualTo("kittens");
    }

    @Test
    void severalConnectionsAtOnceCreateExactlyOneRowOnBothPaths() throws Exception {
        List<FoundOrCreated<AttachmentRecord>> attached = race(other -> root.using(other)
                .relation(GenericRelations.POST__ATTACHMENT_OWNER)
                .getOrCreate(data.post, a -> a.setName("race.txt"), a -> {}));
        assertThat(attached).filteredOn(FoundOrCreated::created).hasSize(1);
        assertThat(attached).extracting(r -> r.record().getId()).containsOnly(attached.get(0).record().getId());
        assertThat(dsl.fetchCount(ATTACHMENT, ATTACHMENT.NAME.eq("race.txt"))).isEqualTo(1);

        List<FoundOrCreated<TaggedItemRecord>> tagged = race(other -> root.using(other)
                .relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT)
                .getOrCreate(data.video, t -> t.setTag("race"), t -> {}));
        assertThat(tagged).filteredOn(FoundOrCreated::created).hasSize(1);
        assertThat(dsl.fetchCount(TAGGED_ITEM, TAGGED_ITEM.TAG.eq("race"))).isEqualTo(1);

        List<FoundOrCreated<TaggedItemRecord>> upserted = race(other -> root.using(other)
                .relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT)
                .updateOrCreate(data.otherVideo, t -> t.setTag("upsert"), t -> {}));
        assertThat(upserted).filteredOn(FoundOrCreated::created).hasSize(1);
        assertThat(dsl.fetchCount(TAGGED_ITEM, TAGGED_ITEM.TAG.eq("upsert"))).isEqualTo(1);

        List<FoundOrCreated<AttachmentRecord>> onConflict = race(other -> root.using(other)
                .relation(GenericRelations.POST__ATTACHMENT_OWNER)
                .updateOrCreate(data.post, a -> a.setName("upsert.txt"), a -> a.setCaption("x")));
        assertThat(onConflict).filteredOn(FoundOrCreated::created).hasSize(1);
        assertThat(dsl.fetchCount(ATTACHMENT, ATTACHMENT.NAME.eq("upsert.txt"))).isEqualTo(1);
    }

    /** CALLERS threads, each on its own connection, released at once. */
    private <T> List<T> race(Function<DSLContext, T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch ready = new CountDownLatch(CALLERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                Callable<T> task = () -> {
                    try (Connection c = db.dataSource().getConnection()) {
                        DSLContext other = TestDatabase.dsl(c, new StatementCounter());
                        ready.countDown();
                        go.await();
                        return call.apply(other);
                    }
                };
                futures.add(pool.submit(task));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(20, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
