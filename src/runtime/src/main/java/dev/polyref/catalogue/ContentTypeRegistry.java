package dev.polyref.catalogue;

import static dev.polyref.NullArgumentException.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Looks up content types: Django's {@code ContentTypeManager} over a jOOQ {@link DSLContext}.
 *
 * <pre>{@code
 * ContentTypeRegistry registry = ContentTypeRegistry.using(dsl, ContentTypes.ALL);
 * ContentType video = registry.get(Tables.VIDEO);                 // get_for_model
 * ContentType same  = registry.get(video.id());                   // get_for_id
 * ContentType again = registry.get(NaturalKey.of("example", "video")); // get_by_natural_key
 * Optional<ModelType<?, ?>> model = registry.model(video);        // model_class()
 * }</pre>
 *
 * <p><b>Cache.</b> Every content type read is cached by id and by natural key: a cold lookup costs one query,
 * a warm one none, and {@link #all()} warms the whole catalogue with one query. Like Django, nothing
 * invalidates the cache except {@link #clearCache()}, {@link #sync(String...)} and code that calls them:
 * keep one registry per database and clear it after changing the catalogue by other means.
 *
 * <p><b>Models.</b> The registry knows the {@link ModelType}s it was created with (usually the generated
 * {@code ContentTypes.ALL} of each schema), like Django's installed apps. A content type without a known model
 * is <em>stale</em> for this application: {@link #model(ContentType)} is empty.
 *
 * <p><b>Lookups never create catalogue rows</b> (Django's {@code get_for_model} does): an unknown table raises
 * {@link dev.polyref.UnknownContentTypeException}; rows are created by {@link #sync(String...)} or the Flyway
 * callback after migrations.
 *
 * <p>Implementations are thread-safe.
 */
public interface ContentTypeRegistry {

    /**
     * A registry over {@code dsl} that knows the given models.
     *
     * @param dsl    where the catalogue lives; statements run through it (and its listeners)
     * @param models the tables of this application, usually generated {@code ContentTypes.ALL}
     * @return a new registry with an empty cache
     */
    static ContentTypeRegistry using(DSLContext dsl, Collection<? extends ModelType<?, ?>> models) {
        return new DefaultContentTypeRegistry(requireNonNull(dsl, "dsl"), requireNonNull(models, "models"));
    }

    /**
     * A registry over {@code dsl} that knows no models: lookups work, {@link #model(ContentType)} is empty.
     *
     * @param dsl where the catalogue lives
     * @return a new registry with an empty cache
     */
    static ContentTypeRegistry using(DSLContext dsl) {
        return using(dsl, List.of());
    }

    /**
     * Django's {@code get_for_id}.
     *
     * @param id a catalogue id
     * @return its content type, stale or not
     * @throws dev.polyref.UnknownContentTypeException if no row has that id
     */
    ContentType get(int id);

    /**
     * Django's {@code get_by_natural_key}.
     *
     * @param key (app_label, model)
     * @return its content type
     * @throws dev.polyref.UnknownContentTypeException if the catalogue has no such row
     */
    ContentType get(NaturalKey key);

    /**
     * Django's {@code get_for_model} for a jOOQ table.
     *
     * @param table a schema-qualified table, such as generated {@code Tables.VIDEO}
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
     * The content type of a model (a generated {@code ContentTypes} constant).
     *
     * @param model the model
     * @return its content type
     * @throws dev.polyref.UnknownContentTypeException if its table is not in the catalogue
     */
    ContentType get(ModelType<?, ?> model);

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
    Map<Integer, ContentType> getByIds(Collection<Integer> ids);

    /**
     * Every content type, read with one query; fills the cache.
     *
     * @return the whole catalogue ordered by (app_label, model)
     */
    List<ContentType> all();

    /**
     * Django's {@code model_class()}: the table, record type and key of a content type.
     *
     * @param contentType a content type
     * @return its model, or empty if this registry knows no model for it (stale for this application)
     */
    Optional<ModelType<?, ?>> model(ContentType contentType);

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
    List<ContentType> stale();

    /** Django's {@code clear_cache()}: forgets every cached content type. */
    void clearCache();
}
