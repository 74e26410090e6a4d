package dev.polyref.catalogue;

import static dev.polyref.NullArgumentException.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One row of the catalogue {@code polyref.content_type}: a table that generic keys can point at, or a proxy (a view
 * over one catalogued table, Django's proxy model). Immutable; equal when all fields are equal.
 *
 * <p>The id is local to one database (ids differ between databases that synced in another order);
 * {@link #naturalKey()} is the portable identity.
 *
 * <pre>{@code
 * ContentType video = registry.get(Tables.VIDEO);
 * video.appLabel();        // "example"
 * video.model();           // "video"
 * video.name();            // "Video clip": select polyref.set_content_type_label('example.video', 'Video clip')
 * video.appLabeledName();  // "example | Video clip"
 * }</pre>
 *
 * @param id       the catalogue id, the value stored in {@code content_type_id} columns
 * @param appLabel the schema of the table
 * @param model    the table name
 * @param name     the human name (Django's {@code verbose_name}): the declared label, else the first line of
 *                 {@code COMMENT ON TABLE}, else {@link #model()}
 * @param proxyFor for a proxy, the id of its base table's content type; null for a table
 */
public record ContentType(int id, String appLabel, String model, String name, @Nullable Integer proxyFor) {

    /** Validates the fields. */
    public ContentType {
        requireNonNull(appLabel, "appLabel");
        requireNonNull(model, "model");
        requireNonNull(name, "name");
    }

    /**
     * A table's content type named by its table name.
     *
     * @param id       the catalogue id
     * @param appLabel the schema
     * @param model    the table
     */
    public ContentType(int id, String appLabel, String model) {
        this(id, appLabel, model, model, null);
    }

    /** @return {@code (app_label, model)} */
    public NaturalKey naturalKey() {
        return new NaturalKey(appLabel, model);
    }

    /** @return whether this is a proxy: a view whose rows are those of the content type {@link #proxyFor()} */
    public boolean isProxy() {
        return proxyFor != null;
    }

    /**
     * @return the id a key with {@code for_concrete_model = true} stores for this type's rows: the base table's
     *         for a proxy, else {@link #id()} (Django's {@code get_for_model(proxy, for_concrete_model=True)})
     */
    public int concreteId() {
        return proxyFor != null ? proxyFor : id;
    }

    /** @return Django's {@code app_labeled_name}: {@code "example | Video clip"} */
    public String appLabeledName() {
        return appLabel + " | " + name;
    }

    /**
     * @return {@code app_label.model (id N)}, or {@code app_label.model "Name" (id N)} when the content type has a
     *         human name other than its table name, for messages
     */
    @Override
    public String toString() {
        return appLabel + "." + model + (name.equals(model) ? "" : " \"" + name + "\"") + " (id " + id + ")";
    }
}
