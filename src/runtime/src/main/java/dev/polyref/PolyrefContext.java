package dev.polyref;

import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.generic.GenericRelation;
import dev.polyref.generic.GenericResolver;
import dev.polyref.generic.RelatedObjects;
import dev.polyref.integrity.GenericKeyIntegrity;
import org.jooq.DSLContext;
import org.jooq.TableRecord;

/**
 * Polyref bound to one {@code DSLContext} by {@link Polyref#using(DSLContext)}: every statement of every object it
 * returns runs on exactly that context, so inside {@code dsl.transaction(tx -> ...)} they are part of the
 * transaction, see its uncommitted rows, and roll back with it.
 *
 * <pre>{@code
 * PolyrefContext p = polyref.using(tx.dsl());
 * ContentType video = p.contentTypes().get(VIDEO);
 * Prefetched targets = p.resolver().prefetch(GenericKeys.ACTIVITY_TARGET, activities);
 * Result<TaggedItemRecord> tags = p.relation(GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT).fetch(v);
 * }</pre>
 *
 * <p>Cheap and immutable; bind again rather than keep one beyond the transaction it was made for.
 */
public interface PolyrefContext {

    /** @return the context every statement runs on */
    DSLContext dsl();

    /** @return the catalogue, over the {@code Polyref}'s shared cache */
    ContentTypeRegistry contentTypes();

    /** @return the resolver of generic keys, with the configured chunk size and round-trip mode */
    GenericResolver resolver();

    /**
     * @param relation a generated relation such as {@code GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT}
     * @param <P>      the parent record type
     * @param <C>      the child record type
     * @return its queries, query parts and writes
     */
    <P extends TableRecord<P>, C extends TableRecord<C>> RelatedObjects<P, C> relation(GenericRelation<P, C> relation);

    /** @return the integrity API (generic keys enforced by PostgreSQL) */
    GenericKeyIntegrity integrity();
}
