package dev.polyref.catalogue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Looks up content types: Django's {@code ContentTypeManager} over a jOOQ {@link org.jooq.DSLContext}.
 *
 * <pre>{@code
 * ContentTypeRegistry registry = polyref.using(dsl).contentTypes();
 * ContentType video = registry.get(Tables.VIDEO);                 // get_for_model
 * ContentType same  = registry.get(video.id());                   // get_for_id
 * ContentType again = registry.get(NaturalKey.of("example", "video")); // get_by_natural_key
 * Model<?, ?> model = registry.getModel(video);               // model_class()
 * }</pre>
 *
 * <p><b>Names.</b> {@code get...} returns a value or throws, {@code find...} returns an {@code Optional},
 * {@code fetch...} always runs SQL; lists are never null.
 *
 * <p><b>Cache.</b> Obtained from {@link dev.polyref.PolyrefContext#contentTypes()}: every registry of one
 * {@link dev.polyref.Polyref} shares its cache, and runs its statements on the {@code DSLContext} it was bound to.
 * A cold lookup costs one query, a warm one none, and {@link #fetchAll()} warms the whole catalogue with one
 * query. Only committed rows are cached: inside a transaction a lookup sees the content types it created, but
 * they are cached only once committed, so a rolled-back one is never served. Like Django, nothing else
 * invalidates the cache except {@link #clearCache()} and {@link #sync(String...)}.
 *
 * <p><b>Models.</b> The registry knows the {@link Model}s Polyref was configured with (usually the generated
 * {@code Models.ALL} of each schema), like Django's installed apps. A content type without a known model
 * is <em>stale</em> for this application: {@link #findModel(ContentType)} is empty.
 *
 * <p><b>Lookups never create catalogue rows</b> (Django's {@code get_for_model} does): an unknown table raises
 * {@link dev.polyref.UnknownContentTypeException}; rows are created by {@link #sync(String...)} or the Flyway
 * callback after migrations.
 */
public interface ContentTypeRegistry {

    /**
     * Django's {@code get_for_id}.
     *
     * @param id a catalogue id
     * @return its content type, stale or not
     * @throws dev.polyref.UnknownContentTypeException if no row has that id
     */
    ContentType get(int id);

    /**
     * @param id a catalogue id
     * @return its content type, or empty if no row has that id
     */
    Optional<ContentType> find(int id);

    /**
     * Django's {@code get_by_natural_key}.
     *
     * @param key (app_label, model)
     * @return its content type
     * @throws dev.polyref.UnknownContentTypeException if the catalogue has no such row
     */
    ContentType get(NaturalKey key);

    /**
     * @param key (app_label, model)
     * @return its content type, or empty if the catalogue has no such row
     */
    Optional<ContentType> find(NaturalKey key);

    /**
     * Django's {@code get_for_model} for a jOOQ table.
     *
     * @param table a generated table such as {@code Tables.VIDEO}, or an alias of one ({@code VIDEO.as("v")})
     * @return its content type
     * @throws dev.polyref.UnknownContentTypeException if the table is not in the catalogue
     */
    ContentType get(Table<?> table);

    /**
     * The content type of a record's table.
     *
     * @param record a record of a generated table
     * @return its table's content type
     * @throws dev.polyref.UnknownContentTypeException if the table is not in the catalogue
     */
    ContentType get(TableRecord<?> record);

    /**
     * The content type of a model (a generated {@code Models} constant).
     *
     * @param model the model
     * @return its content type
     * @throws dev.polyref.UnknownContentTypeException if its table is not in the catalogue
     */
    ContentType get(Model<?, ?> model);

    /**
     * Django's {@code get_for_models}: the content types of several tables with at most one query for all
     * uncached ones.
     *
     * @param tables schema-qualified tables
     * @return each table's content type, in the order given
     * @throws dev.polyref.UnknownContentTypeException naming every table that is not in the catalogue
     */
    Map<Table<?>, ContentType> getAll(Collection<? extends Table<?>> tables);

    /**
     * Django's {@code get_for_id} for many ids with at most one query for all uncached ones (the batched
     * resolver uses it so that loading mixed references costs at most one catalogue query).
     *
     * @param ids catalogue ids
     * @return each id's content type, in the order given (duplicates once)
     * @throws dev.polyref.UnknownContentTypeException naming every id that is not in the catalogue
     */
    Map<Integer, ContentType> getAllById(Collection<Integer> ids);

    /**
     * Every content type, read with one query; fills the cache.
     *
     * @return the whole catalogue ordered by (app_label, model)
     */
    List<ContentType> fetchAll();

    /**
     * Django's {@code model_class()}: the table, record type and key of a content type.
     *
     * @param contentType a content type
     * @return its model, or empty if this registry knows no model for it (stale for this application)
     */
    Optional<Model<?, ?>> findModel(ContentType contentType);

    /**
     * Django's {@code model_class()}, for a content type that must have a model.
     *
     * @param contentType a content type
     * @return its model
     * @throws dev.polyref.StaleContentTypeException if this registry knows no model for it
     */
    Model<?, ?> getModel(ContentType contentType);

    /**
     * Django's {@code get_object_for_this_type(**kwargs)}: one row of the content type's table.
     *
     * <pre>{@code
     * Optional<? extends TableRecord<?>> guido = registry.fetchOptional(usersType, USERS.USERNAME.eq("guido"));
     * }</pre>
     *
     * @param contentType the type to load from
     * @param condition   which row
     * @return the row, or empty if none matches
     * @throws dev.polyref.StaleContentTypeException if the registry knows no model for the type
     * @throws org.jooq.exception.TooManyRowsException if more than one row matches
     */
    Optional<? extends TableRecord<?>> fetchOptional(ContentType contentType, Condition condition);

    /**
     * Django's {@code create_contenttypes}: adds catalogue rows for the tables of these schemas that have
     * none, then clears the cache. Safe to run from several processes at once.
     *
     * @param schemas schema names; none means every schema except PostgreSQL's own and {@code polyref}
     * @return the rows added
     */
    List<ContentType> sync(String... schemas);

    /**
     * Catalogue rows whose table no longer exists in the database.
     *
     * @return the stale content types ordered by (app_label, model)
     */
    List<ContentType> fetchStale();

    /** Django's {@code clear_cache()}: forgets every cached content type, for every binding of the Polyref. */
    void clearCache();
}
