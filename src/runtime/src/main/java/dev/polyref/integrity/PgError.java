package dev.polyref.integrity;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The fields of a PostgreSQL error report, found anywhere in an exception's cause chain. */
record PgError(String sqlState, String message, @Nullable String detail, @Nullable String schema,
        @Nullable String table, @Nullable String constraint) {

    static Optional<PgError> of(@Nullable Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage m = psql.getServerErrorMessage();
                String state = m.getSQLState() != null ? m.getSQLState() : psql.getSQLState();
                return Optional.of(new PgError(state == null ? "" : state,
                        m.getMessage() == null ? psql.getMessage() : m.getMessage(),
                        m.getDetail(), m.getSchema(), m.getTable(), m.getConstraint()));
            }
        }
        return Optional.empty();
    }

    /** @return {@code schema.table} of the error, or the bare table, or {@code ?} */
    String qualifiedTable() {
        if (table == null) {
            return "?";
        }
        return schema == null ? table : schema + "." + table;
    }
}
