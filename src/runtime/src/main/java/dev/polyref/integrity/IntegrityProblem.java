package dev.polyref.integrity;

import static dev.polyref.NullArgumentException.requireNonNull;

/**
 * Something wrong with the integrity machinery of a database, found by {@link GenericKeyIntegrity#check()}.
 *
 * @param kind   {@code drop_guard_missing}, {@code dropped_target}, {@code key_not_enforced},
 *               {@code key_not_valid} or {@code missing_target} (an enforced or declared key lists a target
 *               whose table was dropped)
 * @param detail what is wrong and how to fix it
 */
public record IntegrityProblem(String kind, String detail) {

    /** Validates the fields. */
    public IntegrityProblem {
        requireNonNull(kind, "kind");
        requireNonNull(detail, "detail");
    }
}
