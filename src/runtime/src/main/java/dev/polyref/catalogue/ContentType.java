package dev.polyref.catalogue;

import static dev.polyref.NullArgumentException.requireNonNull;

/**
 * One row of the catalogue {@code polyref.content_type}: a table that generic keys can point at.
 * Immutable; equal when all three fields are equal.
 *
 * <p>The id is local to one database (ids differ between databases that synced in another order);
 * {@link #naturalKey()} is the portable identity.
 *
 * <pre>{@code
 * ContentType video = registry.get(Tables.VIDEO);
 * video.appLabel();   // "example"
 * video.model();      // "video"
 * }</pre>
 *
 * @param id       the catalogue id, the value stored in {@code content_type_id} columns
 * @param appLabel the schema of the table
 * @param model    the table name
 */
public record ContentType(int id, String appLabel, String model) {

    /** Validates the fields. */
    public ContentType {
        requireNonNull(appLabel, "appLabel");
        requireNonNull(model, "model");
    }

    /** @return {@code (app_label, model)} */
    public NaturalKey naturalKey() {
        return new NaturalKey(appLabel, model);
    }

    /** @return {@code app_label.model (id N)}, for messages */
    @Override
    public String toString() {
        return appLabel + "." + model + " (id " + id + ")";
    }
}
