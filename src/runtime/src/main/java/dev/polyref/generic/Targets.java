package dev.polyref.generic;

import dev.polyref.PolyrefException;
import dev.polyref.TypeNotAllowedException;
import dev.polyref.UnsavedTargetException;
import dev.polyref.catalogue.Model;
import dev.polyref.catalogue.NaturalKey;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;

/** What a generic key stores for a target record: checks shared by writing a key and by conditions. */
final class Targets {

    private Targets() {}

    /** @return the target's primary-key value converted for the key's object-id column */
    static <I> I objectId(GenericKey<?, I> key, TableRecord<?> target) {
        NaturalKey type = NaturalKey.of(target.getTable());
        checkAllowed(key, type);
        TableField<?, ?> pk = primaryKey(target.getTable());
        Object value = target.get(pk);
        if (value == null) {
            throw new UnsavedTargetException("Cannot point generic key " + key + " at an unsaved " + type
                    + " record: its primary key " + type + "." + pk.getName() + " is null; store it first");
        }
        return ObjectIds.toColumn(value, key, type, pk.getName());
    }

    /** @return the primary-key value of a stored record */
    static Object primaryKeyValue(TableRecord<?> target) {
        TableField<?, ?> pk = primaryKey(target.getTable());
        Object value = target.get(pk);
        if (value == null) {
            NaturalKey type = NaturalKey.of(target.getTable());
            throw new UnsavedTargetException("Cannot refer to an unsaved " + type + " record: its primary key "
                    + type + "." + pk.getName() + " is null; store it first");
        }
        return value;
    }

    static void checkAllowed(GenericKey<?, ?> key, NaturalKey type) {
        if (!key.allows(type)) {
            List<Model<?, ?>> allowed = key.allowedTargets();
            throw new TypeNotAllowedException("Generic key " + key + " may not point at " + type + "; allowed: "
                    + allowed.stream().map(m -> m.naturalKey().toString()).collect(Collectors.joining(", ")));
        }
    }

    private static TableField<?, ?> primaryKey(Table<?> table) {
        UniqueKey<?> pk = table.getPrimaryKey();
        if (pk == null || pk.getFields().size() != 1) {
            throw new PolyrefException("Table " + NaturalKey.of(table)
                    + " has no single-column primary key; generic keys cannot point at it");
        }
        return pk.getFields().get(0);
    }
}
