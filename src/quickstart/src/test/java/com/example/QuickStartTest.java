package com.example;

import static com.example.db.Tables.SONG;
import static com.example.db.Tables.TAGGED_ITEM;
import static com.example.db.Tables.VIDEO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.db.Models;
import com.example.db.GenericKeys;
import com.example.db.GenericRelations;
import com.example.db.tables.records.SongRecord;
import com.example.db.tables.records.TaggedItemRecord;
import com.example.db.tables.records.VideoRecord;
import dev.polyref.Polyref;
import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.generic.GenericResolver;
import dev.polyref.generic.Prefetched;
import dev.polyref.generic.RelatedObjects;
import dev.polyref.migration.PolyrefMigrations;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.ScratchDatabase;
import dev.polyref.testing.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.junit.jupiter.api.Test;

// Migrates classpath:db/migration (with Polyref's schema) once per run; each test class gets a copy
@PolyrefTest(schemas = "app")
class QuickStartTest {

    @Test
    void tagsAnyRowAndLoadsTheTargetsWithOneStatementPerType(TestDatabase db) {
        DSLContext dsl = db.dsl();
        PolyrefContext polyref = Polyref.configure().models(Models.ALL).load().using(dsl);
        GenericResolver resolver = polyref.resolver();

        VideoRecord video = dsl.newRecord(VIDEO).setTitle("Cats in space");
        video.store();
        SongRecord song = dsl.newRecord(SONG).setTitle("Blue Monday");
        song.store();
        resolver.setTarget(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag("funny"), video).store();
        resolver.setTarget(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT, dsl.newRecord(TAGGED_ITEM).setTag("80s"), song).store();

        // Django's prefetch_related: one SELECT per content type, never one per row
        Result<TaggedItemRecord> tags = dsl.selectFrom(TAGGED_ITEM).orderBy(TAGGED_ITEM.ID).fetch();
        Prefetched targets = db.assertStatements(2,
                () -> resolver.prefetch(GenericKeys.TAGGED_ITEM_CONTENT_OBJECT, tags));
        assertEquals(video, targets.find(tags.get(0)).orElseThrow());
        assertEquals(song, targets.find(tags.get(1), Models.SONG).orElseThrow());

        // The reverse side, Django's GenericRelation: video.tags
        RelatedObjects<VideoRecord, TaggedItemRecord> videoTags =
                polyref.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT);
        assertEquals(List.of("funny"), videoTags.fetch(video).getValues(TAGGED_ITEM.TAG));
    }

    @Test
    void migratesWithPolyrefsFlywayCallback(TestDatabase db) throws Exception {
        try (ScratchDatabase empty = new ScratchDatabase(db, "flyway")) {
            Flyway.configure()
                    .dataSource(empty.dataSource())
                    .schemas("app")
                    .locations("classpath:db/migration")
                    .callbacks(PolyrefMigrations.callback())
                    .load()
                    .migrate();

            ContentTypeRegistry registry =
                    Polyref.configure().models(Models.ALL).load().using(empty.dsl()).contentTypes();
            assertEquals("video", registry.get(NaturalKey.of("app", "video")).model());
        }
    }
}
