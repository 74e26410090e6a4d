package dev.polyref.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.polyref.RestrictedDeleteException;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * What PostgreSQL itself reports when a key refuses the delete of its target, per server version, and that
 * Polyref turns each into the same {@link RestrictedDeleteException}. PostgreSQL 18 gave {@code RESTRICT} its
 * own SQLSTATE, 23001 ({@code restrict_violation}, "violates RESTRICT setting of foreign key constraint"); 14 to
 * 17 report 23503 ({@code foreign_key_violation}) for it, and every version reports 23503 for {@code NO ACTION}.
 */
@PolyrefTest
class RefusedDeleteSqlStateTest {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String RESTRICT_VIOLATION = "23001";

    private final TestDatabase db;
    /** No translator: PostgreSQL's own error reaches the test */
    private final DSLContext plain;
    private final int serverVersion;

    RefusedDeleteSqlStateTest(TestDatabase db) {
        this.db = db;
        this.plain = db.dsl();
        this.serverVersion = Integer.parseInt(String.valueOf(plain.fetchValue("show server_version_num")));
    }

    private IntegritySchema enforced(String name, OnDelete action) {
        IntegritySchema s = IntegritySchema.create(plain, name);
        s.fill(1, 10, 1);
        s.enforce(action, "t");
        return s;
    }

    @Test
    void aRestrictKeysRefusalIs23001From18On23503BeforeAndBothAreRestrictedDeletes() {
        IntegritySchema s = enforced("state_restrict", OnDelete.RESTRICT);
        String expected = serverVersion >= 180000 ? RESTRICT_VIOLATION : FOREIGN_KEY_VIOLATION;

        Throwable delete = catchThrowable(() -> plain.execute("delete from state_restrict.t where id = 3"));
        Throwable truncate = catchThrowable(() -> plain.execute("truncate state_restrict.t"));

        for (Throwable refused : List.of(delete, truncate)) {
            assertThat(sqlState(refused)).as("SQLSTATE on server_version_num %s", serverVersion).isEqualTo(expected);
            assertThat(PolyrefExceptionTranslator.translate(refused)).get()
                    .isInstanceOf(RestrictedDeleteException.class).extracting(Throwable::getMessage).asString()
                    .contains("rows of state_restrict.r").contains("polyref_fk_ct_oid");
        }
        assertThat(PolyrefExceptionTranslator.translate(delete).orElseThrow())
                .hasMessageContaining("Cannot delete object 3 of content type " + s.contentType("t"));
        assertThat(plain.fetchCount(s.table("t"))).isEqualTo(10);
    }

    @Test
    void aNoActionKeysRefusalIs23503OnEveryVersion() {
        IntegritySchema s = enforced("state_no_action", OnDelete.NO_ACTION);

        Throwable refused = catchThrowable(() -> plain.execute("delete from state_no_action.t where id = 4"));

        assertThat(sqlState(refused)).isEqualTo(FOREIGN_KEY_VIOLATION);
        assertThat(PolyrefExceptionTranslator.translate(refused)).get().isInstanceOf(RestrictedDeleteException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("Cannot delete object 4 of content type " + s.contentType("t"));
        assertThat(plain.fetchCount(s.table("t"))).isEqualTo(10);
    }

    /** The deferred check fails at COMMIT, outside jOOQ's execution: {@code translate(Throwable)} handles it. */
    @Test
    void aDeferredNoActionRefusalAtCommitIs23503OnEveryVersion() throws SQLException {
        IntegritySchema s = enforced("state_deferred", OnDelete.NO_ACTION);
        SQLException atCommit;
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("set constraints all deferred");
            st.execute("delete from state_deferred.t where id = 5");
            atCommit = (SQLException) catchThrowable(c::commit);
        }
        assertThat((Throwable) atCommit).as("the commit failed").isNotNull();
        assertThat(atCommit.getSQLState()).isEqualTo(FOREIGN_KEY_VIOLATION);
        assertThat(PolyrefExceptionTranslator.translate(atCommit)).get().isInstanceOf(RestrictedDeleteException.class);
        assertThat(plain.fetchCount(s.table("t"))).as("the transaction was rolled back").isEqualTo(10);
    }

    private static String sqlState(Throwable thrown) {
        assertThat(thrown).isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        throw new AssertionError("no SQLException in " + thrown);
    }
}
