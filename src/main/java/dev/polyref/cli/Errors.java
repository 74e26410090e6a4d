package dev.polyref.cli;

import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/** Turns any failure into the one line {@code polyref} prints. */
final class Errors {

    private Errors() {}

    static String oneLine(Throwable e) {
        SQLException sql = find(e, SQLException.class);
        if (e instanceof FlywayException && sql != null) {
            // Flyway's report is a table over many lines: keep its headline and the server's message
            return firstLine(e.getMessage()) + ": " + oneLine(sql);
        }
        Throwable cause = e;
        while ((cause instanceof UncheckedIOException || cause instanceof DataAccessException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message;
        if (cause instanceof NoSuchFileException file) {
            message = "No such file: " + file.getFile();
        } else if (cause instanceof AccessDeniedException file) {
            message = "Permission denied: " + file.getFile();
        } else if (cause instanceof CharacterCodingException) {
            message = "The file is not UTF-8 text";
        } else if (cause.getMessage() == null || cause.getMessage().isBlank()) {
            message = cause.getClass().getSimpleName();
        } else {
            message = cause.getMessage();
        }
        if (cause instanceof SQLException) {
            message = message.replaceFirst("^ERROR: ", "");
        }
        return message.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining(" "));
    }

    private static String firstLine(@Nullable String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }

    private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
