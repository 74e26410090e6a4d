package dev.polyref.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyref.Polyref;
import dev.polyref.catalogue.ContentType;
import dev.polyref.catalogue.ContentTypeRegistry;
import dev.polyref.catalogue.NaturalKey;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.StatementCounter;
import dev.polyref.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@PolyrefTest
class PolyrefMigrationsTest {

    private final TestDatabase db;
    private final DSLContext dsl;

    PolyrefMigrationsTest(TestDatabase db) {
        this.db = db;
        this.dsl = db.dsl();
    }

    @Test
    void polyrefKeepsItsOwnHistorySoAnApplicationV1NeverCollides() {
        Flyway app = Flyway.configure()
                .dataSource(db.dataSource())
                .locations("classpath:app-migrations")
                .schemas("app")
                .callbacks(PolyrefMigrations.callback())
                .load();

        MigrateResult result = app.migrate();

        assertThat(result.migrationsExecuted).isEqualTo(2);
        assertThat(dsl.fetchValue("select string_agg(version, ',' order by installed_rank) "
                + "from app.flyway_schema_history")).isEqualTo("1,2");
        assertThat(dsl.fetchValue("select string_agg(version, ',' order by installed_rank) "
                + "from polyref.polyref_schema_history where version is not null"))
                .asString().startsWith("1");
        // The callback synced the catalogue after the application's migrations
        ContentTypeRegistry registry = Polyref.configure().load().using(dsl).contentTypes();
        assertThat(registry.get(NaturalKey.of("app", "invoice"))).extracting(ContentType::model).isEqualTo("invoice");
        assertThat(registry.get(NaturalKey.of("app", "customer"))).isNotNull();
        assertThat(dsl.fetchExists(dsl.selectOne().from("polyref.content_type")
                .where("model = 'flyway_schema_history'"))).isFalse();
    }

    /** Polyref's Flyway pins search_path on the connections it takes and hands them back with their own path. */
    @Test
    void aConnectionGoesBackToItsPoolWithItsOwnSearchPath() throws SQLException {
        try (Connection pooled = db.dataSource().getConnection()) {
            DSLContext own = TestDatabase.dsl(pooled, new StatementCounter());
            own.execute("set search_path = example, public");

            PolyrefMigrations.migrate(alwaysThe(pooled));

            assertThat(own.fetchValue("show search_path")).isEqualTo("example, public");
        }
    }

    /** A data source whose only connection survives close(), like a pool's. */
    private static DataSource alwaysThe(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        PGSimpleDataSource dataSource = new PGSimpleDataSource() {
            private static final long serialVersionUID = 1L;

            @Override
            public Connection getConnection() {
                return unclosable;
            }
        };
        return dataSource;
    }

    @Test
    void migratingPolyrefAgainIsANoOp() {
        MigrateResult again = PolyrefMigrations.migrate(db.dataSource());
        assertThat(again.migrationsExecuted).isZero();
        assertThat(PolyrefMigrations.flyway(db.dataSource()).info().pending()).isEmpty();
    }
}
