package dev.polyref.generic;

import dev.polyref.catalogue.Model;
import java.util.Collection;
import org.jooq.Condition;
import org.jooq.TableRecord;

/**
 * jOOQ conditions on a generic key, which Django cannot express ({@code filter(content_object=x)} raises
 * {@code FieldError}). Obtained from {@link GenericResolver#conditions()}; building a condition reads at most the
 * catalogue (cached), never the target tables.
 *
 * <pre>{@code
 * GenericConditions on = resolver.conditions();
 * dsl.selectFrom(ACTIVITY).where(on.pointsAt(GenericKeys.ACTIVITY_TARGET, video)).fetch();
 * dsl.selectFrom(ACTIVITY).where(on.pointsAtAny(GenericKeys.ACTIVITY_TARGET, List.of(video, song))).fetch();
 * dsl.selectFrom(ACTIVITY).where(on.pointsAtType(GenericKeys.ACTIVITY_TARGET, Models.POST)).fetch();
 * dsl.selectFrom(ACTIVITY).where(on.targetMatches(GenericKeys.ACTIVITY_TARGET, Models.VIDEO,
 *         VIDEO.TITLE.like("%cat%"))).fetch();
 * }</pre>
 *
 * <p>Object ids are compared in the object-id column's type, with the key's canonical spelling (see
 * {@link GenericKey}), so an index on {@code (content_type_id, object_id)} serves the first three.
 * Thread-safe.
 */
public interface GenericConditions {

    /**
     * @param key    a generic key
     * @param target a stored record
     * @return {@code ct = <target's type> AND object_id = <target's key>}
     * @throws dev.polyref.UnsavedTargetException if the target has no primary key yet
     * @throws dev.polyref.TypeNotAllowedException if the key may not point at the target's table
     * @throws dev.polyref.ObjectIdCoercionException if the object-id column cannot hold the target's key
     */
    Condition pointsAt(GenericKey<?, ?> key, TableRecord<?> target);

    /**
     * @param key a generic key
     * @param ref a ref
     * @return {@code ct = <ref's type> AND object_id = <ref's id>}
     */
    Condition pointsAt(GenericKey<?, ?> key, GenericRef<?> ref);

    /**
     * @param key     a generic key
     * @param targets stored records of any allowed tables
     * @return per table {@code (ct = X AND object_id = ANY(?))}, or-ed, one array bind per table; false when
     *         {@code targets} is empty
     */
    Condition pointsAtAny(GenericKey<?, ?> key, Collection<? extends TableRecord<?>> targets);

    /**
     * @param key  a generic key
     * @param type a content type
     * @return {@code ct = <type>}
     */
    Condition pointsAtType(GenericKey<?, ?> key, Model<?, ?> type);

    /**
     * The target is of the given type and matches a condition: {@code ct = X AND EXISTS (SELECT 1 FROM X WHERE
     * X.pk = object_id AND condition)}. Or several of these together for several types. Object ids that are
     * not the canonical spelling of a key of {@code type} match nothing (no cast error).
     *
     * @param key       a generic key
     * @param type      the target's content type
     * @param condition a condition on the target table
     * @param <T>       the target record type
     * @return the condition
     */
    <T extends TableRecord<T>> Condition targetMatches(GenericKey<?, ?> key, Model<T, ?> type,
            Condition condition);
}
