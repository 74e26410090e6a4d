package dev.polyref.cli;

import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        if (cause instanceof SQLException && find(e, UnknownHostException.class) != null) {
            message = Database.connectFailure(cause);
        }
        return Text.printable(message.lines().map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" ")));
    }

    /**
     * The passwords a command line carries: {@code --password} and {@code $POLYREF_PASSWORD}, and in
     * {@code --url} or {@code $POLYREF_URL} a {@code password=} parameter or the {@code user:password@} part.
     *
     * @return every such value, raw and URL-decoded
     */
    static Set<String> secrets(List<String> args, Map<String, String> environment) {
        List<String> passwords = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        Optional.ofNullable(environment.get("POLYREF_PASSWORD")).ifPresent(passwords::add);
        Optional.ofNullable(environment.get("POLYREF_URL")).ifPresent(urls::add);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            collect(arg, i + 1 < args.size() ? args.get(i + 1) : null, "--password", passwords);
            collect(arg, i + 1 < args.size() ? args.get(i + 1) : null, "--url", urls);
        }
        for (String url : urls) {
            Matcher parameter = URL_PASSWORD.matcher(url);
            while (parameter.find()) {
                passwords.add(parameter.group(2));
            }
            Matcher userInfo = USER_INFO.matcher(url);
            if (userInfo.find()) {
                passwords.add(userInfo.group(2));
            }
        }
        Set<String> secrets = new LinkedHashSet<>();
        for (String password : passwords) {
            if (!password.isEmpty()) {
                secrets.add(password);
                try {
                    secrets.add(URLDecoder.decode(password, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // not URL-encoded: the raw value is enough
                }
            }
        }
        return secrets;
    }

    private static void collect(String arg, @Nullable String next, String option, List<String> into) {
        if (arg.equals(option) && next != null) {
            into.add(next);
        } else if (arg.startsWith(option + "=")) {
            into.add(arg.substring(option.length() + 1));
        }
    }

    /**
     * @return the message with every secret, every URL {@code password=} value and every {@code user:password@}
     *         replaced by {@code ***}: an error line may end up in a log or a ticket
     */
    static String redact(String message, Set<String> secrets) {
        String redacted = message;
        List<String> longestFirst = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        for (String secret : longestFirst) {
            redacted = redacted.replace(secret, "***");
        }
        redacted = URL_PASSWORD.matcher(redacted).replaceAll("$1***");
        return USER_INFO.matcher(redacted).replaceAll("$1***@");
    }

    /** {@code password=VALUE} in a JDBC URL's parameters (pgjdbc also reads {@code ;} separated ones). */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;]password=)([^&;\\s]*)");

    /** {@code //user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]*:)([^/@\\s]*)@");

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
