package dev.polyref.cli;

import java.util.Locale;

/** Small wording helpers for output. */
final class Text {

    private Text() {}

    /** @return {@code "1 row"}, {@code "1,234 rows"} */
    static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /**
     * A name from the database made safe for a line of human output: control characters (newline, carriage
     * return, escape sequences), line and paragraph separators and invisible format characters (such as
     * right-to-left overrides) are written as escapes, {@code \n}, {@code \u001b}, and a backslash as {@code \\},
     * so a table named {@code "x\n    - Content type evil.y"} cannot fake a line of output, a colour or a reordering.
     *
     * @return the text with every such character escaped; other text (any letter, in any script) unchanged
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                            || Character.getType(c) == Character.FORMAT) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** @return {@link #printable(String)} of the object's {@code toString()} */
    static String printable(Object value) {
        return printable(String.valueOf(value));
    }
}
