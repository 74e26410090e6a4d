package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.ObjectIdCoercionException;
import dev.polyref.catalogue.Model;
import dev.polyref.catalogue.NaturalKey;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * A generic relation: the rows of a generic key's table that point at rows of one parent table, the reverse of a
 * {@link GenericKey} (Django's {@code GenericRelation}, seen from the parent).
 *
 * <p><b>Derived, never declared.</b> Every generic key yields one relation per table it may point at: each
 * allowed target, or, for a key that allows any table, each catalogued table whose primary key its object-id
 * column can hold. Code generation emits them in a {@code GenericRelations} class beside {@code GenericKeys},
 * named {@code <PARENT>__<GENERIC KEY>}:
 *
 * <pre>{@code
 * GenericRelation<VideoRecord, TaggedItemRecord> videoTags = GenericRelations.VIDEO__TAGGED_ITEM_CONTENT_OBJECT;
 * videoTags.parent();   // Models.VIDEO
 * videoTags.key();      // GenericKeys.TAGGED_ITEM_CONTENT_OBJECT
 *
 * RelatedObjects<VideoRecord, TaggedItemRecord> tags = polyref.using(dsl).relation(videoTags);
 * Result<TaggedItemRecord> ofVideo = tags.fetch(video);                 // one statement
 * dsl.select(VIDEO.TITLE, tags.count()).from(VIDEO).fetch();           // one statement, 0 for untagged
 * }</pre>
 *
 * The content type of the parent is not part of the descriptor: ids differ between databases, so
 * {@link dev.polyref.PolyrefContext#relation(GenericRelation)} binds it at run time through the catalogue (cached
 * there).
 *
 * <p>Immutable and thread-safe.
 *
 * @param parent the parent table (the target of the key)
 * @param key    the generic key on the child table
 * @param <P>    the parent record type
 * @param <C>    the child record type (the generic key's table)
 */
public record GenericRelation<P extends TableRecord<P>, C extends TableRecord<C>>(Model<P, ?> parent,
        GenericKey<C, ?> key) {

    /**
     * Validates that the key may point at the parent and that its object-id column can hold the parent's key.
     *
     * @throws dev.polyref.TypeNotAllowedException if the key's allowed targets exclude the parent
     * @throws ObjectIdCoercionException if the object-id column cannot hold the parent's primary key type
     */
    public GenericRelation {
        requireNonNull(parent, "parent");
        requireNonNull(key, "key");
        Targets.checkAllowed(key, parent.naturalKey());
        if (!RelationSql.canHold(key.objectIdField().getType(), parent.keyType())) {
            throw new ObjectIdCoercionException("Generic key " + key + " cannot point at " + parent.naturalKey()
                    + ": its " + ObjectIds.sqlType(key.objectIdField().getType()) + " object-id column cannot hold "
                    + "the " + ObjectIds.sqlType(parent.keyType()) + " primary key " + parent.naturalKey() + "."
                    + parent.primaryKey().getName());
        }
    }

    /**
     * The factory generated code calls.
     *
     * @param parent the parent table, a generated {@code Models} constant
     * @param key    the generic key, a generated {@code GenericKeys} constant
     * @param <P>    the parent record type
     * @param <C>    the child record type
     * @return the relation
     */
    public static <P extends TableRecord<P>, C extends TableRecord<C>> GenericRelation<P, C> of(
            Model<P, ?> parent, GenericKey<C, ?> key) {
        return new GenericRelation<>(parent, key);
    }

    /** @return the child table, the generic key's table */
    public Table<C> childTable() {
        return key.table();
    }

    /** @return {@code parent <- schema.table.key (content_type_column, object_id_column)}, for messages */
    @Override
    public String toString() {
        return parent.naturalKey() + " <- " + key;
    }

    /** @return the natural key of the child table */
    NaturalKey childType() {
        return NaturalKey.of(key.table());
    }
}
