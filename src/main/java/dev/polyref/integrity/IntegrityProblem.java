package dev.polyref.integrity;

import static dev.polyref.NullArgumentException.requireNonNull;

/**
 * Something wrong with the integrity machinery of a database, found by {@link GenericKeyIntegrity#check()}.
 *
 * @param kind   {@code drop_guard_missing}, {@code dropped_target}, {@code key_not_enforced} or
 *               {@code key_not_valid}
 * @param detail what is wrong and how to fix it
 */
public record IntegrityProblem(String kind, String detail) {

    /** Validates the fields. */
    public IntegrityProblem {
        requireNonNull(kind, "kind");
        requireNonNull(detail, "detail");
    }
}
