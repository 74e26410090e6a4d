package dev.polyref.generic;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jooq.Field;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * Reads {@code timestamptz} columns as jOOQ's default binding returns them, for {@link TargetReader}, without its
 * cost. jOOQ 3.19 to 3.21 read a timestamptz with {@code getString} and parse the text, which carries the
 * <em>session's</em> offset ({@code +09} under {@code SET TIME ZONE 'Asia/Tokyo'}); pgjdbc formats that text
 * from the binary value with a new {@code ZoneRules} per value, and jOOQ parses it back: together 60% of a
 * 10,000-row page's read time (docs/performance.md). Here pgjdbc's {@code getObject(i, OffsetDateTime.class)}
 * (the instant, in UTC, cheap) is moved to the session's offset.
 *
 * <p>Only where that offset is certain: the session's {@code TimeZone} (pgjdbc's
 * {@link PGConnection#getParameterStatus}, kept current by the server) must name a fixed offset, as {@code UTC}
 * does, since the server's and the JVM's time-zone rules for a region may differ. With any other zone, or a
 * connection that is not pgjdbc's, {@link #of} returns null and the caller lets jOOQ read the rows. With
 * {@link Settings#isBindOffsetDateTimeType()} jOOQ itself reads {@code getObject}, and so does this.
 */
final class TimestampReader {

    private static final TimestampReader AS_IS = new TimestampReader(null);

    private final @Nullable ZoneOffset offset;

    private TimestampReader(@Nullable ZoneOffset offset) {
        this.offset = offset;
    }

    /**
     * @return a reader for this result set's timestamptz columns, or null when it cannot read them as jOOQ would
     *         (the caller then reads the rows through jOOQ)
     */
    static @Nullable TimestampReader of(ResultSet rs, Settings settings, Field<?>[] fields) throws SQLException {
        boolean any = false;
        for (Field<?> field : fields) {
            any |= field.getType() == OffsetDateTime.class;
        }
        if (!any || Boolean.TRUE.equals(settings.isBindOffsetDateTimeType())) {
            return AS_IS;
        }
        ZoneOffset offset = sessionOffset(rs);
        return offset == null ? null : new TimestampReader(offset);
    }

    private static @Nullable ZoneOffset sessionOffset(ResultSet rs) throws SQLException {
        Statement statement = rs.getStatement();
        Connection connection = statement == null ? null : statement.getConnection();
        if (connection == null || !connection.isWrapperFor(PGConnection.class)) {
            return null;
        }
        String zone = connection.unwrap(PGConnection.class).getParameterStatus("TimeZone");
        if (zone == null) {
            return null;
        }
        try {
            ZoneId id = ZoneId.of(zone);
            return id.getRules().isFixedOffset() ? id.getRules().getOffset(java.time.Instant.EPOCH) : null;
        } catch (DateTimeException e) {
            // PostgreSQL's POSIX forms ("<+03>-03", "EST5EDT") and names Java does not know
            return null;
        }
    }

    /**
     * @return the column's value, with the session's offset
     * @throws DataAccessException for {@code 'infinity'} and {@code '-infinity'}, which jOOQ's text parser cannot
     *         read either (pgjdbc's {@code OffsetDateTime.MAX} and {@code MIN} are not what jOOQ would return)
     */
    @Nullable OffsetDateTime read(ResultSet rs, int column, Field<?> field) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value == null || offset == null) {
            return value;
        }
        if (value.equals(OffsetDateTime.MAX) || value.equals(OffsetDateTime.MIN)) {
            throw new DataAccessException("Error while reading field " + field + ": " + rs.getString(column)
                    + " is not a timestamp jOOQ's default binding reads");
        }
        return value.getOffset().equals(offset) ? value : value.withOffsetSameInstant(offset);
    }
}
