package dev.polyref.catalogue;

import static dev.polyref.NullArgumentException.requireNonNull;

import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;

/**
 * The Java side of a content type: a table with a single-column primary key, its record type and its
 * natural key. Code generation emits one constant per table in a {@code Models} class next to jOOQ's
 * {@code Tables}, so applications rarely build these by hand:
 *
 * <pre>{@code
 * Model<VideoRecord, Long> video = Models.VIDEO;
 * video.table();        // Tables.VIDEO
 * video.primaryKey();   // Tables.VIDEO.ID
 * video.recordType();   // VideoRecord.class
 * registry.get(video);  // the catalogue row for example.video
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param naturalKey the catalogue's key for the table: (schema, table) as named in the database
 * @param table      the jOOQ table
 * @param primaryKey its single-column primary key
 * @param <R>        the record type
 * @param <K>        the Java type of the primary key
 */
public record Model<R extends TableRecord<R>, K>(NaturalKey naturalKey, Table<R> table,
        TableField<R, K> primaryKey) {

    /** Validates the fields. */
    public Model {
        requireNonNull(naturalKey, "naturalKey");
        requireNonNull(table, "table");
        requireNonNull(primaryKey, "primaryKey");
    }

    /**
     * Describes a table whose natural key is its schema-qualified name, as generated code does.
     *
     * @param appLabel   the schema name in the database
     * @param model      the table name in the database
     * @param table      the jOOQ table
     * @param primaryKey its primary key field
     * @param <R>        the record type
     * @param <K>        the key type
     * @return the model type
     */
    public static <R extends TableRecord<R>, K> Model<R, K> of(String appLabel, String model, Table<R> table,
            TableField<R, K> primaryKey) {
        return new Model<>(new NaturalKey(appLabel, model), table, primaryKey);
    }

    /** @return the record class, for example {@code VideoRecord.class} */
    public Class<? extends R> recordType() {
        return table.getRecordType();
    }

    /** @return the Java type of the primary key, for example {@code Long.class} */
    public Class<K> keyType() {
        return primaryKey.getType();
    }

    @Override
    public String toString() {
        return "Model[" + naturalKey + "]";
    }
}
