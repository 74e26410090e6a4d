package dev.polyref.parity;

import static dev.polyref.example.db.GenericKeys.TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.GenericRelations.SONG__TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.TaggedItemRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.generic.GenericRef;
import dev.polyref.generic.Prefetched;
import dev.polyref.migration.PolyrefMigrations;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.RoundTrips;
import dev.polyref.testing.ScratchDatabase;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Multiple databases (I73-I79): one Polyref, two databases whose catalogues were filled in opposite orders, so every
 * content-type id differs. Each database gets its own catalogue cache; refs move between databases by natural key.
 */
@PolyrefTest
class MultipleDatabasesTest {

    private final TestDatabase db;
    private final DSLContext primary;
    private final StatementCounter primaryStatements;
    private final StatementCounter otherStatements = new StatementCounter();
    private final DSLContext other;

    // The second database is made once per class (the test kit makes one per class; this class makes its twin)
    private static ScratchDatabase otherDatabase;
    private static Connection otherConnection;

    MultipleDatabasesTest(TestDatabase db) throws Exception {
        this.db = db;
        this.primary = db.dsl();
        this.primaryStatements = db.counter();
        if (otherDatabase == null) {
            otherDatabase = createOther(db);
            otherConnection = otherDatabase.dataSource().getConnection();
        }
        this.other = TestDatabase.dsl(otherConnection, otherStatements);
    }

    private static ScratchDatabase createOther(TestDatabase db) {
        ScratchDatabase created = new ScratchDatabase(db, "other");
        PolyrefMigrations.migrate(created.dataSource());
        DSLContext setup = created.dsl();
        // The same tables catalogued in the opposite order, from 100: no id means the same type in both
        setup.execute("alter table polyref.content_type alter column id restart with 100");
        String[] models = db.dsl().fetchValues("select model from polyref.content_type order by id").stream()
                .map(String::valueOf).toArray(String[]::new);
        setup.execute("insert into polyref.content_type (app_label, model) "
                + "select 'example', m from unnest({0}::text[]) with ordinality u (m, n) order by n desc",
                DSL.val(models));
        Flyway.configure().dataSource(created.dataSource())
                .locations("classpath:dev/polyref/example/migrations").schemas("example")
                .callbacks(PolyrefMigrations.callback()).load().migrate();
        return created;
    }

    @AfterEach
    void deleteRows() {
        for (DSLContext dsl : List.of(primary, other)) {
            dsl.execute("delete from example.tagged_item");
            dsl.execute("delete from example.video");
            dsl.execute("delete from example.song");
        }
    }

    @AfterAll
    static void dropTheOtherDatabase() throws Exception {
        if (otherDatabase != null) {
            otherConnection.close();
            otherDatabase.close();
            otherDatabase = null;
        }
    }

    private static int idOf(DSLContext dsl, String model) {
        return (Integer) dsl.fetchValue("select id from polyref.content_type where model = {0}", model);
    }

    @Test
    void eachDatabaseHasItsOwnCatalogueViewAndFirstLookupsCostWhatACacheMissCosts() {
        assertThat(idOf(other, "video")).isNotEqualTo(idOf(primary, "video"));
        Polyref polyref = Polyref.configure().models(Models.ALL).load();
        primaryStatements.reset();
        otherStatements.reset();

        ContentType onPrimary = db.assertStatements(1, () -> polyref.using(primary).contentTypes().get(VIDEO));
        ContentType onOther = otherStatements.assertStatements(1, () -> polyref.using(other).contentTypes().get(VIDEO));

        assertThat(onPrimary.id()).isEqualTo(idOf(primary, "video"));
        assertThat(onOther.id()).isEqualTo(idOf(other, "video"));
        assertThat(onOther.naturalKey()).isEqualTo(onPrimary.naturalKey());
        primaryStatements.reset();
        otherStatements.reset();
        // After the first lookup: no statement, on either database, however often Polyref is bound (I73)
        for (int i = 0; i < 3; i++) {
            assertThat(polyref.using(primary).contentTypes().get(VIDEO)).isEqualTo(onPrimary);
            assertThat(polyref.using(other).contentTypes().get(VIDEO)).isEqualTo(onOther);
            assertThat(polyref.using(other).contentTypes().get(onOther.id())).isEqualTo(onOther);
        }
        assertThat(primaryStatements.count()).isZero();
        assertThat(otherStatements.count()).isZero();
        // Recognising the database goes over the wire neither (the driver answers from the connection it has)
        assertThat(RoundTrips.count(() -> polyref.using(other).contentTypes().get(VIDEO))).isZero();
        Polyref cold = Polyref.configure().models(Models.ALL).load();
        assertThat(RoundTrips.count(() -> cold.using(other).contentTypes().get(VIDEO))).as("a cold lookup").isEqualTo(1);
        // The other database's id means another table, or nothing, on the primary
        assertThat(polyref.using(primary).contentTypes().find(onOther.id()).map(ContentType::model))
                .isNotEqualTo(java.util.Optional.of("video"));
    }

    @Test
    void clearingOneDatabasesCacheLeavesTheOthers() {
        Polyref polyref = Polyref.configure().models(Models.ALL).load();
        polyref.using(primary).contentTypes().get(VIDEO);
        polyref.using(other).contentTypes().get(VIDEO);

        polyref.using(other).contentTypes().clearCache();

        primaryStatements.reset();
        otherStatements.reset();
        polyref.using(primary).contentTypes().get(VIDEO);
        polyref.using(other).contentTypes().get(VIDEO);
        assertThat(primaryStatements.count()).isZero();
        assertThat(otherStatements.count()).isEqualTo(1);
    }

    @Test
    void aRowsRefIsReadAndResolvedWithItsOwnDatabasesIds() {
        Polyref polyref = Polyref.configure().models(Models.ALL).load();
        PolyrefContext onPrimary = polyref.using(primary);
        PolyrefContext onOther = polyref.using(other);
        VideoRecord video = primary.insertInto(VIDEO).set(VIDEO.ID, 7L).set(VIDEO.TITLE, "p").returning().fetchOne();
        other.insertInto(VIDEO).set(VIDEO.ID, 7L).set(VIDEO.TITLE, "o").execute();
        TaggedItemRecord onPrimaryRow = onPrimary.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(video,
                t -> t.setTag("x"));
        // The same record written through the other database's binding: its id there (I75: by natural key)
        TaggedItemRecord onOtherRow = onOther.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(video,
                t -> t.setTag("y"));

        assertThat(onPrimaryRow.getContentTypeId()).isEqualTo(idOf(primary, "video"));
        assertThat(onOtherRow.getContentTypeId()).isEqualTo(idOf(other, "video"));
        assertThat(other.fetchValue("select content_type_id from example.tagged_item where tag = 'y'"))
                .isEqualTo(idOf(other, "video"));

        GenericRef<TableRecord<?>> ref = onPrimary.resolver().findRef(TAGGED_ITEM_CONTENT_OBJECT, onPrimaryRow)
                .orElseThrow();
        assertThat(ref.contentType().id()).isEqualTo(idOf(primary, "video"));
        assertThat(onPrimary.resolver().fetchOptional(ref)).get().extracting(r -> r.get(VIDEO.TITLE)).isEqualTo("p");
        // The ref read on the primary, used on the other database: its natural key finds the other's id (I74)
        assertThat(other.fetch(TAGGED_ITEM, onOther.resolver().conditions().pointsAt(TAGGED_ITEM_CONTENT_OBJECT, ref)))
                .extracting(TaggedItemRecord::getTag).containsExactly("y");
        assertThat(onOther.resolver().fetchOptional(ref)).get().extracting(r -> r.get(VIDEO.TITLE)).isEqualTo("o");

        // Owner-side joins use the bound database's id (Django's I79 used the default database's)
        Record2<Long, Integer> counted = other.select(VIDEO.ID, onOther.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT)
                .count()).from(VIDEO).fetchSingle();
        assertThat(counted.value2()).isEqualTo(1);
    }

    @Test
    void prefetchReadsFromAReplicaWhileWritesGoToThePrimary() throws Exception {
        Polyref polyref = Polyref.configure().models(Models.ALL).load();
        PolyrefContext writes = polyref.using(primary);
        VideoRecord video = primary.insertInto(VIDEO).set(VIDEO.TITLE, "v").returning().fetchOne();
        SongRecord song = primary.insertInto(SONG).set(SONG.TITLE, "s").set(SONG.ARTIST, "a").returning().fetchOne();
        writes.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(video, t -> t.setTag("v"));
        writes.relation(SONG__TAGGED_ITEM_CONTENT_OBJECT).create(song, t -> t.setTag("s"));

        // The "replica": the same database through a read-only data source, as a standby is read
        PGSimpleDataSource replicaSource = new PGSimpleDataSource();
        replicaSource.setUrl(db.jdbcUrl());
        if (!db.user().isEmpty()) {
            replicaSource.setUser(db.user());
            replicaSource.setPassword(db.password());
        }
        replicaSource.setOptions("-c default_transaction_read_only=on");
        StatementCounter replicaStatements = new StatementCounter();
        try (Connection connection = replicaSource.getConnection()) {
            DSLContext replica = TestDatabase.dsl(connection, replicaStatements);
            PolyrefContext reads = polyref.using(replica);
            List<TaggedItemRecord> rows = replica.selectFrom(TAGGED_ITEM).orderBy(TAGGED_ITEM.TAG).fetch();
            replicaStatements.reset();

            // The catalogue is the primary's (same database): cached by the writes, so only the targets are read
            Prefetched targets = replicaStatements.assertStatements(2,
                    () -> reads.resolver().prefetch(TAGGED_ITEM_CONTENT_OBJECT, rows));

            assertThat(targets.find(rows.get(0), Models.SONG)).get().extracting(SongRecord::getTitle).isEqualTo("s");
            assertThat(targets.find(rows.get(1), Models.VIDEO)).get().extracting(VideoRecord::getTitle).isEqualTo("v");
            assertThatThrownBy(() -> reads.relation(VIDEO__TAGGED_ITEM_CONTENT_OBJECT).create(video,
                    t -> t.setTag("refused"))).isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("read-only transaction");
        }
        assertThat(primary.fetchCount(TAGGED_ITEM)).isEqualTo(2);
    }
}
