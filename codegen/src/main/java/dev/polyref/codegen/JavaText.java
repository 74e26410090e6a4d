package dev.polyref.codegen;

import javax.lang.model.SourceVersion;

/**
 * Puts database names into generated Java source as data, never as code. Anyone who can create a table (or a
 * column, a schema) in a database that code is generated from chooses these names, so every name Polyref writes
 * into {@code Models}, {@code GenericKeys} or {@code GenericRelations} goes through one of these methods.
 *
 * <p>The output is plain ASCII with no line breaks, so it means the same whatever encoding the compiler assumes.
 * javac replaces Unicode escapes ({@code \u0022}, also {@code \uu0022}) everywhere in a file before it reads
 * literals or comments: both methods therefore write every backslash of a name in a form that cannot start
 * such an escape.
 */
final class JavaText {

    private JavaText() {}

    /**
     * @param value any text
     * @return a Java string literal, quotes included, whose value is exactly {@code value}
     */
    static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                // so a name's backslash-u stays text: javac reads an escape only after an even number of backslashes
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        // an octal escape: a Unicode escape of a line feed would end the literal's line
                        out.append(String.format("\\%03o", (int) c));
                    } else if (c > 0x7e) {
                        // any other character, surrogates included, as a Unicode escape: never a quote or a
                        // backslash, and no raw bidirectional controls or look-alikes in the source
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * @param value any text
     * @return HTML text for a Javadoc comment that displays {@code value}: no line break, no {@code *} or
     *         {@code /} (so no {@code *}{@code /}), no backslash (so no Unicode escape), no {@code @} or braces (so
     *         no tags), no markup; everything else outside printable ASCII as a numeric character reference
     */
    static String javadoc(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (c >= 0x20 && c <= 0x7e && "&<>@{}\\*/".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append("&#").append(c).append(';');
            }
        });
        return out.toString();
    }

    /**
     * @param value text made of jOOQ identifiers and a generic key's name
     * @return a valid Java identifier, converted as jOOQ's default strategy converts names (which is package-private
     *         in jOOQ): a character an identifier cannot hold as {@code _} and its hex code, a leading one prefixed
     *         with {@code _}, a keyword suffixed with {@code _}
     */
    static String identifier(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (i == 0 && !Character.isJavaIdentifierStart(c)) {
                out.append('_');
            }
            if (Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c)) {
                out.append(c);
            } else {
                out.append('_').append(Integer.toHexString(c));
            }
        }
        String identifier = out.isEmpty() ? "_" : out.toString();
        return SourceVersion.isKeyword(identifier) ? identifier + "_" : identifier;
    }
}
