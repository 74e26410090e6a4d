package dev.polyref.testing;

import dev.polyref.embedded.EmbeddedPostgresServer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The default: one embedded PostgreSQL per test JVM (18 unless {@code -Dpostgres-binaries.version} says otherwise). */
final class EmbeddedTestServer implements TestServer {

    private final EmbeddedPostgresServer server = EmbeddedPostgresServer.start();

    @Override
    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    @Override
    public DataSource dataSource(String database) {
        return server.dataSource(database);
    }

    @Override
    public void createDatabase(String name, @Nullable String template) {
        server.createDatabase(name, template);
    }

    @Override
    public void dropDatabase(String name) {
        // The whole server goes away at the end of the run
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL " + server.serverVersion() + " on port " + server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
