package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.TableRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rule of {@link Polyref#using}: every statement runs on the bound context. The application's context here takes
 * a new pooled connection per statement ({@link TestDatabase#newDsl()}), as a {@code DataSource}-based
 * {@code DSLContext} does, so anything that ran outside the transaction's connection would be seen committed.
 */
@PolyrefTest
class TransactionBindingTest {

    private final TestDatabase db;
    private final StatementCounter statements = new StatementCounter();
    private final DSLContext app;
    private final Polyref polyref = Polyref.configure().models(Models.ALL).load();
    private ExampleData data;

    TransactionBindingTest(TestDatabase db) {
        this.db = db;
        this.app = db.newDsl().configuration().derive(statements).dsl();
    }

    @BeforeEach
    void freshData() {
        data = new ExampleData(db.dsl());
        statements.reset();
    }

    @Test
    void writesThroughRelationsAndTheResolverRollBackWithTheTransaction() {
        assertThatThrownBy(() -> app.transaction(tx -> {
            PolyrefContext p = polyref.using(tx.dsl());
            var tags = p.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
            TaggedItemRecord cats = tags.create(data.video, t -> t.setTag("cats"));
            TaggedItemRecord dogs = tags.create(data.otherVideo, t -> t.setTag("dogs"));
            tags.add(data.video, List.of(dogs));
            p.resolver().setTarget(ACTIVITY_TARGET, tx.dsl().newRecord(ACTIVITY).setUserId(data.guido.getId())
                    .setAction("liked"), data.video).store();
            assertThat(tags.fetch(data.video)).containsExactly(cats, dogs);
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(app.fetchCount(TAGGED_ITEM)).as("tags rolled back").isZero();
        assertThat(app.fetchCount(ACTIVITY)).as("activity rolled back").isZero();
    }

    @Test
    void replaceInsideATransactionIsPartOfItAndRollsBackWithIt() {
        var committed = polyref.using(app).relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
        TaggedItemRecord kept = committed.create(data.video, t -> t.setTag("kept"));

        assertThatThrownBy(() -> app.transaction(tx -> {
            polyref.using(tx.dsl()).relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT).replace(data.video, List.of());
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(committed.fetch(data.video)).containsExactly(kept);
    }

    @Test
    void readsInsideTheTransactionSeeItsUncommittedRows() {
        app.transaction(tx -> {
            DSLContext t = tx.dsl();
            PolyrefContext p = polyref.using(t);
            VideoRecord fresh = t.insertInto(VIDEO).set(VIDEO.TITLE, "uncommitted").set(VIDEO.UPLOADER_ID,
                    data.guido.getId()).returning().fetchSingle();
            ActivityRecord activity = p.resolver().setTarget(ACTIVITY_TARGET, t.newRecord(ACTIVITY)
                    .setUserId(data.guido.getId()).setAction("uploaded"), fresh);
            activity.store();
            TaggedItemRecord tag = p.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(fresh, r -> r.setTag("new"));

            Optional<TableRecord<?>> target = p.resolver().fetchOptional(ACTIVITY_TARGET, activity);
            assertThat(target).as("resolver, one row").contains(fresh);
            Prefetched targets = p.resolver().prefetch(ACTIVITY_TARGET, t.selectFrom(ACTIVITY).fetch());
            assertThat(targets.find(activity)).as("resolver, batched").contains(fresh);
            Result<TaggedItemRecord> tags = p.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT).fetch(fresh);
            assertThat(tags).as("relation").containsExactly(tag);
            assertThat(p.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT).prefetch(List.of(fresh)).get(fresh))
                    .as("relation, batched").containsExactly(tag);

            // The application's own context is another connection: it sees none of this yet
            assertThat(polyref.using(app).resolver().fetchOptional(ACTIVITY_TARGET, activity)).isEmpty();
        });
    }

    @Test
    void theCatalogueCacheIsSharedByEveryBindingOfOnePolyref() {
        polyref.using(app).contentTypes().get(VIDEO);   // the first binding warms the shared cache
        statements.reset();

        app.transaction(tx -> {
            ContentType video = polyref.using(tx.dsl()).contentTypes().get(VIDEO);
            assertThat(video.naturalKey()).isEqualTo(NaturalKey.of("example", "video"));
        });
        assertThat(statements.statements()).as("only the transaction's own, no catalogue query")
                .noneMatch(sql -> sql.contains("content_type"));

        statements.reset();
        Polyref.configure().models(Models.ALL).load().using(app).contentTypes().get(VIDEO);
        assertThat(statements.count()).as("another Polyref has a cache of its own").isEqualTo(1);
    }

    @Test
    void aContentTypeCreatedInARolledBackTransactionIsNeverServedAfterwards() {
        NaturalKey key = NaturalKey.of("example", "tx_rolled_back");
        AtomicInteger id = new AtomicInteger();
        assertThatThrownBy(() -> app.transaction(tx -> {
            tx.dsl().execute("create table example.tx_rolled_back (id bigint primary key)");
            PolyrefContext p = polyref.using(tx.dsl());
            p.contentTypes().sync("example");
            ContentType created = p.contentTypes().get(key);   // seen inside its own transaction
            assertThat(p.contentTypes().get(created.id())).isEqualTo(created);
            id.set(created.id());
            throw new IllegalStateException("roll back");
        })).isInstanceOf(IllegalStateException.class);

        PolyrefContext after = polyref.using(app);
        assertThat(after.contentTypes().find(key)).as("by natural key").isEmpty();
        assertThat(after.contentTypes().find(id.get())).as("by id").isEmpty();
    }

    @Test
    void aContentTypeCreatedInASavepointThatRollsBackIsNeverServedAfterwards() {
        NaturalKey key = NaturalKey.of("example", "tx_savepoint");
        app.transaction(outer -> {
            assertThatThrownBy(() -> outer.dsl().transaction(inner -> {
                inner.dsl().execute("create table example.tx_savepoint (id bigint primary key)");
                PolyrefContext p = polyref.using(inner.dsl());
                p.contentTypes().sync("example");
                assertThat(p.contentTypes().get(key).naturalKey()).isEqualTo(key);
                throw new IllegalStateException("roll back the savepoint");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(polyref.using(outer.dsl()).contentTypes().find(key)).isEmpty();
        });
        assertThat(polyref.using(app).contentTypes().find(key)).isEmpty();
    }

    @Test
    void aContentTypeCreatedAndCommittedIsFoundAndThenCached() {
        NaturalKey key = NaturalKey.of("example", "tx_committed");
        AtomicReference<ContentType> inside = new AtomicReference<>();
        app.transaction(tx -> {
            tx.dsl().execute("create table example.tx_committed (id bigint primary key)");
            PolyrefContext p = polyref.using(tx.dsl());
            p.contentTypes().sync("example");
            inside.set(p.contentTypes().get(key));
            statements.reset();
            p.contentTypes().get(key);
            assertThat(statements.count()).as("uncommitted: read again, never cached").isEqualTo(1);
        });

        statements.reset();
        assertThat(polyref.using(app).contentTypes().get(key)).isEqualTo(inside.get());
        assertThat(statements.count()).as("committed now: read once").isEqualTo(1);
        statements.reset();
        assertThat(polyref.using(app).contentTypes().get(inside.get().id())).isEqualTo(inside.get());
        assertThat(polyref.using(app).contentTypes().get(key)).isEqualTo(inside.get());
        assertThat(statements.count()).as("then cached, for every binding").isZero();
    }
}
