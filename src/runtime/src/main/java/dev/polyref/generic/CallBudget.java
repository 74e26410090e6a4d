package dev.polyref.generic;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * How many bytes a prefetch statement sends, so that one-round-trip mode can keep each JDBC call under
 * {@link GenericResolver#ONE_ROUND_TRIP_BYTES}.
 *
 * <p>Why a bound: pgjdbc writes every statement of a call, with its binds, before it reads any answer, while the
 * server answers each statement as soon as it has read it. Once the answers fill the socket buffers towards the
 * driver, the server stops reading; once the driver's remaining writes fill the buffers towards the server, the
 * driver stops too, and both wait forever (pgjdbc's own batch code guards the other direction the same way,
 * assuming 64,000 bytes can always be buffered: {@code QueryExecutorImpl.MAX_BUFFERED_RECV_BYTES}). A call that
 * fits in the buffers is written whole whatever the server does, so it cannot deadlock.
 *
 * <p>The figures are upper bounds of what pgjdbc sends, not exact: ids are bound as the text of one array.
 */
final class CallBudget {

    /**
     * Per statement, besides its SQL text: the framing of its Parse, Bind, Describe and Execute messages (about
     * 60 bytes) and the call's closing Sync, rounded up.
     */
    static final int STATEMENT_OVERHEAD = 100;

    private CallBudget() {}

    /** @return the bytes a statement with this SQL sends before its ids */
    static int statementBytes(String sql) {
        return sql.getBytes(StandardCharsets.UTF_8).length + STATEMENT_OVERHEAD;
    }

    /**
     * @param id an id as bound: a {@code Long}, {@code Integer}, {@code Short}, {@code UUID} or {@code String}
     * @return its bytes in the array text {@code {1,2,3}} or {@code {"a","b\"c"}}, separator included
     */
    static int idBytes(Object id) {
        if (id instanceof Long || id instanceof Integer || id instanceof Short) {
            return decimalLength(((Number) id).longValue()) + 1;
        }
        if (id instanceof UUID) {
            return 36 + 3;   // possibly quoted
        }
        return quotedLength(id.toString()) + 1;
    }

    private static int decimalLength(long value) {
        if (value == Long.MIN_VALUE) {
            return 20;
        }
        int length = value < 0 ? 2 : 1;
        for (long rest = Math.abs(value); rest >= 10; rest /= 10) {
            length++;
        }
        return length;
    }

    /** UTF-8 bytes of the text in double quotes, with a backslash before each quote and backslash. */
    private static int quotedLength(String text) {
        int length = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                length += 2;
            } else if (c < 0x80) {
                length += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                length += 2;   // a surrogate pair is 4 bytes: 2 per char
            } else {
                length += 3;
            }
        }
        return length;
    }
}
