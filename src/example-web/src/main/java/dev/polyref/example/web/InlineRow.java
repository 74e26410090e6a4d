package dev.polyref.example.web;

import org.jspecify.annotations.Nullable;

/**
 * One row of an inline form, as shown and as submitted: an existing child (id set) or a new one (id empty).
 *
 * @param id     the child's id, or "" for a new row
 * @param value  the tag or comment text
 * @param delete whether the delete box is ticked
 * @param error  the row's validation error, or null
 */
record InlineRow(String id, String value, boolean delete, @Nullable String error) {

    boolean isNew() {
        return id.isEmpty();
    }

    /** An extra row left empty: not a change. */
    boolean isBlankExtra() {
        return isNew() && value.isBlank();
    }

    InlineRow withError(String message) {
        return new InlineRow(id, value, delete, message);
    }

    // Thymeleaf reads bean properties
    public String getId() {
        return id;
    }

    public String getValue() {
        return value;
    }

    public boolean isDelete() {
        return delete;
    }

    public @Nullable String getError() {
        return error;
    }
}
