package dev.polyref.check;

import static dev.polyref.NullArgumentException.requireNonNull;

/**
 * Something a {@link Check} found wrong.
 *
 * @param check   the {@link Check#name()} that found it
 * @param subject what it is about: a content type ({@code example.old (id 12)}) or a table ({@code example.note})
 * @param message what is wrong and how to fix it
 */
public record Problem(String check, String subject, String message) {

    /** Validates the fields. */
    public Problem {
        requireNonNull(check, "check");
        requireNonNull(subject, "subject");
        requireNonNull(message, "message");
    }

    /** @return {@code check: subject: message} */
    @Override
    public String toString() {
        return check + ": " + subject + ": " + message;
    }
}
