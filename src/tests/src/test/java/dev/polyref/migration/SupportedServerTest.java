package dev.polyref.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.UnsupportedServerVersionException;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Installing Polyref on a PostgreSQL older than 14 fails with a clear message before anything is created. The
 * suite's server is supported, so the refusal is tested through the decision with real version numbers of
 * PostgreSQL 13 and the boundary values; the running server's own number goes through the same decision and the
 * query that reads it (run once by hand on zonky's 13.23 binaries: see docs/integrity.md).
 */
@PolyrefTest
class SupportedServerTest {

    private final TestDatabase db;

    SupportedServerTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theRunningServerIsSupportedAndPassesTheCheck() {
        int versionNum = Integer.parseInt(String.valueOf(db.dsl().fetchValue("show server_version_num")));
        assertThat(versionNum).isGreaterThanOrEqualTo(140000);

        assertThatCode(() -> SupportedServer.require(new PinnedSearchPath(db.dataSource()))).doesNotThrowAnyException();
        assertThatCode(() -> PolyrefMigrations.flyway(db.dataSource())).doesNotThrowAnyException();
    }

    @Test
    void postgres13IsRefusedWithTheVersionInTheMessage() {
        assertThatThrownBy(() -> SupportedServer.require(130023, "13.23"))
                .isExactlyInstanceOf(UnsupportedServerVersionException.class)
                .hasMessage("Polyref needs PostgreSQL 14 or newer; this server is PostgreSQL 13.23 "
                        + "(server_version_num 130023). Polyref created nothing: upgrade the server first.")
                .satisfies(e -> assertThat(((UnsupportedServerVersionException) e).serverVersionNum())
                        .isEqualTo(130023));
    }

    @Test
    void theBoundaryIsPostgres14Point0() {
        assertThatThrownBy(() -> SupportedServer.require(139999, "13.99"))
                .isInstanceOf(UnsupportedServerVersionException.class);
        assertThatThrownBy(() -> SupportedServer.require(90624, "9.6.24"))
                .isInstanceOf(UnsupportedServerVersionException.class).hasMessageContaining("PostgreSQL 9.6.24");
        assertThatCode(() -> SupportedServer.require(140000, "14.0")).doesNotThrowAnyException();
        assertThatCode(() -> SupportedServer.require(180001, "18.1")).doesNotThrowAnyException();
        assertThat(PolyrefMigrations.MINIMUM_POSTGRES_MAJOR).isEqualTo(14);
    }
}
