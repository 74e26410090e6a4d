package dev.polyref.catalogue.internal;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.catalogue.ContentType;
import java.util.List;

/**
 * A catalogue row whose table no longer exists, with the rows that refer to it: one entry of
 * {@link StaleContentTypes#report(org.jooq.DSLContext)}.
 *
 * @param contentType the stale content type
 * @param dependents  the rows referring to it, per referencing column; empty when nothing does
 */
public record StaleContentType(ContentType contentType, List<DependentRows> dependents) {

    /** Validates the fields and copies the list. */
    public StaleContentType {
        requireNonNull(contentType, "contentType");
        dependents = List.copyOf(requireNonNull(dependents, "dependents"));
    }

    /** @return how many rows refer to the content type, over every referencing table */
    public long dependentRows() {
        return dependents.stream().mapToLong(DependentRows::rows).sum();
    }
}
