package dev.polyref.integrity;

import dev.polyref.NullArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * A referencing row that breaks an enforced generic key (found when enforcing over existing data).
 *
 * @param contentTypeId the row's content type, null if unset
 * @param objectId      the row's object id in text form, null if unset
 * @param kind          what is wrong
 */
public record Violation(@Nullable Integer contentTypeId, @Nullable String objectId, Kind kind) {

    /** Validates the fields. */
    public Violation {
        NullArgumentException.requireNonNull(kind, "kind");
    }

    /** What is wrong with a referencing row. */
    public enum Kind {
        /** It points at a row that does not exist. */
        DANGLING,
        /** Its content type is not one of the key's targets. */
        TYPE_NOT_ALLOWED,
        /** Only one of its two columns is set. */
        INCOMPLETE
    }
}
