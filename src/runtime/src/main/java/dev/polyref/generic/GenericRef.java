package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.ContentType;
import org.jooq.TableRecord;

/**
 * A reference to one row of any table: its content type and primary key, the value of a generic key.
 * Equal, and hashed, by value. The type parameter is the target's record type where it is known
 * ({@code GenericRef<VideoRecord>} from {@link GenericResolver#ref(TableRecord)}) and {@code TableRecord<?>}
 * where it is read from a row.
 *
 * <pre>{@code
 * GenericRef<VideoRecord> ref = resolver.ref(video);            // (example.video, 42L)
 * Optional<VideoRecord> same = resolver.fetchOptional(ref);     // one statement; empty once deleted
 * Optional<GenericRef<TableRecord<?>>> target = resolver.ref(GenericKeys.ACTIVITY_TARGET, activity);
 * }</pre>
 *
 * <p>Refs that Polyref creates hold the object id as the target's primary-key Java type ({@link Long},
 * {@link Integer}, {@link String}, {@link java.util.UUID}, ...), converted by the rules of
 * {@link GenericKey}, so a ref read from a text object id {@code '42'} equals the ref of the bigint row 42.
 * A ref built by hand with another spelling is converted the same way before it is looked up.
 *
 * <p>Immutable and thread-safe.
 *
 * @param contentType the target's content type
 * @param objectId    the target's primary key
 * @param <T>         the target's record type, or {@code TableRecord<?>} when not known statically
 */
public record GenericRef<T extends TableRecord<?>>(ContentType contentType, Object objectId) {

    /** Validates the fields. */
    public GenericRef {
        requireNonNull(contentType, "contentType");
        requireNonNull(objectId, "objectId");
    }

    /** @return {@code app_label.model#id}, for messages */
    @Override
    public String toString() {
        return contentType.appLabel() + "." + contentType.model() + "#" + objectId;
    }
}
