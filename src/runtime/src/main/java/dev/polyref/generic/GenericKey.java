package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.MalformedDeclarationException;
import dev.polyref.catalogue.Model;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.integrity.OnDelete;
import java.util.List;
import java.util.UUID;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;

/**
 * A generic key: a content-type column and an object-id column on one table, declared in SQL with
 * {@code polyref.declare_generic_key} (Django's {@code GenericForeignKey(ct_field, fk_field)}). Code generation
 * emits one constant per declaration in a {@code GenericKeys} class beside {@code Tables}:
 *
 * <pre>{@code
 * -- migration
 * select polyref.declare_generic_key('app.activity', 'target',
 *        p_allowed_targets => array['app.video', 'app.song']::regclass[], p_on_delete => 'cascade');
 *
 * // Java
 * GenericKey<ActivityRecord, Long> key = GenericKeys.ACTIVITY_TARGET;
 * key.contentTypeField();   // ACTIVITY.CONTENT_TYPE_ID
 * key.objectIdField();      // ACTIVITY.OBJECT_ID
 * key.allowedTargets();     // [Models.VIDEO, Models.SONG]
 * key.onDelete();           // OnDelete.CASCADE
 * polyref.using(dsl).integrity().enforce(key);   // PostgreSQL now enforces exactly that
 * }</pre>
 *
 * <p>Everything here is generated from the declaration ({@code polyref.generic_key} and
 * {@code polyref.generic_key_target}); redeclare the key and regenerate to change it. {@link #enforced()} is
 * what the declaration said when the code was generated; the database is the authority at run time.
 *
 * <p><b>Object ids and coercion.</b> The object-id column is {@code bigint} ({@link Long}), {@code text}
 * ({@link String}) or {@code uuid} ({@link UUID}); a target's primary key is {@code smallint}, {@code integer},
 * {@code bigint}, {@code text} or {@code uuid}. Values convert both ways (writing a target's key into the column,
 * reading the column to find the target) by these rules, and in no other way:
 * <ul>
 *   <li>same type: as is;</li>
 *   <li>integer key in a bigint column: widened; read back into a smaller integer key only when in range;</li>
 *   <li>any key in a text column: its canonical spelling, {@code 42} or the lower-case dashed
 *       {@code 0b9b...-...}; read back only when the text is exactly that spelling (so {@code '42'} finds key 42
 *       but {@code '042'}, {@code '+42'}, {@code ' 42'} and {@code 'abc'} do not) and in range;</li>
 *   <li>uuid and integer never convert into each other.</li>
 * </ul>
 * Anything else raises {@link dev.polyref.ObjectIdCoercionException} naming the column and value. One canonical
 * spelling per key keeps Java lookups and SQL conditions (which compare the column with that spelling, so the
 * {@code (content_type_id, object_id)} index is used) in agreement.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name             the key's name in the declaration, unique per table
 * @param table            the table holding both columns
 * @param contentTypeField the column referencing {@code polyref.content_type (id)}
 * @param objectIdField    the column holding the target's primary key
 * @param allowedTargets   the tables the key may point at; empty means any table
 * @param onDelete         what PostgreSQL does to the key's rows when their target row is deleted, once enforced
 * @param enforced         whether the declaration asked PostgreSQL to enforce the key
 * @param forConcreteModel Django's {@code for_concrete_model}: whether a proxy's row (a view catalogued with
 *                         {@code polyref.declare_proxy}) is stored with its base table's content type (true, the
 *                         default) or the proxy's own ({@code polyref.set_generic_key_for_concrete_model})
 * @param <R>              the holding table's record type
 * @param <I>              the object-id column's Java type: {@link Long}, {@link String} or {@link UUID}
 */
public record GenericKey<R extends TableRecord<R>, I>(String name, Table<R> table,
        TableField<R, Integer> contentTypeField, TableField<R, I> objectIdField,
        List<Model<?, ?>> allowedTargets, OnDelete onDelete, boolean enforced, boolean forConcreteModel) {

    /** Validates the fields and copies the list. */
    public GenericKey {
        requireNonNull(name, "name");
        requireNonNull(table, "table");
        requireNonNull(contentTypeField, "contentTypeField");
        requireNonNull(objectIdField, "objectIdField");
        allowedTargets = List.copyOf(requireNonNull(allowedTargets, "allowedTargets"));
        requireNonNull(onDelete, "onDelete");
        Class<I> idType = objectIdField.getType();
        if (idType != Long.class && idType != String.class && idType != UUID.class) {
            throw new MalformedDeclarationException("Object-id column " + objectIdField + " of generic key " + name
                    + " has Java type " + idType.getName() + "; use bigint, text or uuid");
        }
    }

    /**
     * The constructor generated code calls.
     *
     * @param name             the key's name
     * @param table            the holding table
     * @param contentTypeField its content-type column
     * @param objectIdField    its object-id column
     * @param onDelete         the declared ON DELETE action
     * @param enforced         whether the declaration enforces the key
     * @param allowedTargets   allowed target tables, none for any
     * @param <R>              the holding record type
     * @param <I>              the object-id type
     * @return the key
     */
    public static <R extends TableRecord<R>, I> GenericKey<R, I> of(String name, Table<R> table,
            TableField<R, Integer> contentTypeField, TableField<R, I> objectIdField, OnDelete onDelete,
            boolean enforced, Model<?, ?>... allowedTargets) {
        return new GenericKey<>(name, table, contentTypeField, objectIdField,
                List.of(requireNonNull(allowedTargets, "allowedTargets")), onDelete, enforced, true);
    }

    /**
     * This key storing proxies' own content types: Django's {@code for_concrete_model=False}. Generated code calls
     * it for a key declared with {@code polyref.set_generic_key_for_concrete_model(table, name, false)}.
     *
     * <pre>{@code
     * GenericKey<PinRecord, Long> key = GenericKeys.PIN_TARGET;   // ... .storingProxyTypes()
     * resolver.setTarget(key, pin, clip);   // stores example.clip's content type, not example.video's
     * }</pre>
     *
     * @return a copy with {@link #forConcreteModel()} false
     */
    public GenericKey<R, I> storingProxyTypes() {
        return new GenericKey<>(name, table, contentTypeField, objectIdField, allowedTargets, onDelete, enforced,
                false);
    }

    /**
     * The content type id this key stores for a row of the given type: a proxy's base table's id when
     * {@link #forConcreteModel()}, else the type's own.
     *
     * @param type the content type of a target row's table or view
     * @return the id to store or compare with
     */
    public int storedTypeId(dev.polyref.catalogue.ContentType type) {
        requireNonNull(type, "type");
        return forConcreteModel ? type.concreteId() : type.id();
    }

    /**
     * @param target a table's natural key
     * @return whether this key may point at that table
     */
    public boolean allows(NaturalKey target) {
        requireNonNull(target, "target");
        return allowedTargets.isEmpty() || allowedTargets.stream().anyMatch(m -> m.naturalKey().equals(target));
    }

    /** @return {@code schema.table.name (content_type_column, object_id_column)}, for messages */
    @Override
    public String toString() {
        return NaturalKey.of(table) + "." + name + " (" + contentTypeField.getName() + ", "
                + objectIdField.getName() + ")";
    }
}
