package dev.polyref.integrity;

import static dev.polyref.NullArgumentException.requireNonNull;

import java.util.List;

/**
 * What enforcing a generic key did: how many registry rows it backfilled for target rows that already
 * existed, and which existing referencing rows break the key. Immutable.
 *
 * <p>With no violations the key's constraints are valid. With some they are {@code NOT VALID}: every new or
 * changed row is checked and the {@link OnDelete} action applies from now on, but the listed rows stay as they
 * are; fix them (see {@link GenericKeyIntegrity#violations}) and enforce again to validate.
 *
 * @param genericKey     {@code schema.table(content_type_column, object_id_column)}
 * @param onDelete       the declared action
 * @param targets        {@code app_label.model} of every table the key may point at
 * @param backfilled     registry rows added for target rows that existed before
 * @param dangling       referencing rows that point at a missing row
 * @param typeNotAllowed referencing rows whose content type is not a target
 * @param incomplete     referencing rows with only one of the two columns set
 * @param sample         up to 10 violating rows, described as {@code (content_type_id, object_id): problem}
 * @param validated      whether the constraints are valid (no violations)
 */
public record EnforcementReport(String genericKey, OnDelete onDelete, List<String> targets, long backfilled,
        long dangling, long typeNotAllowed, long incomplete, List<String> sample, boolean validated) {

    /** Validates and copies the fields. */
    public EnforcementReport {
        requireNonNull(genericKey, "genericKey");
        requireNonNull(onDelete, "onDelete");
        targets = List.copyOf(requireNonNull(targets, "targets"));
        sample = List.copyOf(requireNonNull(sample, "sample"));
    }

    /** @return the number of existing referencing rows that break the key */
    public long violations() {
        return dangling + typeNotAllowed + incomplete;
    }
}
