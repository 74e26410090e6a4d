package dev.polyref.cli;

import java.util.Locale;

/** Small wording helpers for output. */
final class Text {

    private Text() {}

    /** @return {@code "1 row"}, {@code "1,234 rows"} */
    static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
