package dev.polyref.bench;

import dev.polyref.embedded.EmbeddedPostgresServer;
import dev.polyref.migration.PolyrefMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * The end-to-end benchmarks' data on an embedded PostgreSQL (the project's, 18): the example schema with
 * {@value #TARGETS_PER_TYPE} rows in each of video, song, post and bookmark, and a feed of activities of user 1
 * pointing at them round-robin (activity n at type n % 4), of which every tenth (n % 10 = 9) points at a row
 * that does not exist: 10% dangling. Built with {@code generate_series}, so 10,000,000 activities take a minute,
 * not an hour.
 */
final class FeedDatabase implements AutoCloseable {

    static final int TARGETS_PER_TYPE = 25_000;

    final EmbeddedPostgresServer server = EmbeddedPostgresServer.start();

    FeedDatabase(long activities) throws SQLException {
        Flyway.configure().dataSource(server.dataSource("postgres"))
                .locations("classpath:dev/polyref/example/migrations").schemas("example")
                .callbacks(PolyrefMigrations.callback()).load().migrate();
        try (Connection c = server.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into example.users (username) values ('bench')");
            for (String table : List.of("video", "song", "post", "bookmark")) {
                String columns = switch (table) {
                    case "video" -> "title, uploader_id) select 'video ' || n, 1";
                    case "song" -> "title, artist) select 'song ' || n, 'artist ' || n";
                    case "post" -> "title, body, author_id) select 'post ' || n, 'body of post ' || n, 1";
                    default -> "url) select 'https://example.org/' || n";
                };
                s.execute("insert into example." + table + " (" + columns
                        + " from pg_catalog.generate_series(1, " + TARGETS_PER_TYPE + ") n");
            }
            s.execute("""
                    insert into example.activity (user_id, action, content_type_id, object_id)
                    select 1, 'did', ct.id[n %% 4 + 1],
                           case when n %% 10 = 9 then 100000000 + n else (n / 4) %% %d + 1 end
                    from pg_catalog.generate_series(0, %d - 1) n,
                         (select array_agg(id order by array_position(array['video', 'song', 'post', 'bookmark'],
                                 model::text)) id
                          from polyref.content_type where app_label = 'example'
                           and model in ('video', 'song', 'post', 'bookmark')) ct
                    order by n""".formatted(TARGETS_PER_TYPE, activities));
            s.execute("vacuum analyze");
        }
    }

    /** A new connection, straight or through a proxy on {@code port} (the server's own when null). */
    Connection connect(Integer port) throws SQLException {
        String url = server.jdbcUrl("postgres");
        if (port != null) {
            url = url.replace(":" + server.port() + "/", ":" + port + "/");
        }
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() {
        server.close();
    }
}
