package dev.polyref.bench;

import static dev.polyref.example.db.Tables.ACTIVITY;

import dev.polyref.embedded.EmbeddedPostgresServer;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.migration.PolyrefMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The benchmark data on an embedded PostgreSQL 16: the example schema with 25,000 rows in each of video, song,
 * post and bookmark, and 100,000 activities pointing at them round-robin (activity n at type n % 4), so the
 * first N activities are N distinct refs spread evenly over 4 types.
 */
final class BenchDatabase implements AutoCloseable {

    static final int TARGETS_PER_TYPE = 25_000;

    final EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
    final Connection connection;
    final DSLContext dsl;
    final List<ActivityRecord> activities;

    BenchDatabase() throws SQLException {
        Flyway.configure().dataSource(server.dataSource("postgres"))
                .locations("classpath:dev/polyref/example/migrations").schemas("example")
                .callbacks(PolyrefMigrations.callback()).load().migrate();
        connection = server.dataSource("postgres").getConnection();
        dsl = DSL.using(connection, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        dsl.execute("insert into example.users (username) values ('bench')");
        for (String table : List.of("video", "song", "post", "bookmark")) {
            String column = table.equals("bookmark") ? "url" : "title";
            String extra = table.equals("song") ? ", artist" : "";
            String extraValue = table.equals("song") ? ", 'artist ' || n" : "";
            dsl.execute("insert into example." + table + " (" + column + extra + ") select '" + table + " ' || n"
                    + extraValue + " from pg_catalog.generate_series(1, " + TARGETS_PER_TYPE + ") n");
        }
        dsl.execute("""
                insert into example.activity (user_id, action, content_type_id, object_id)
                select 1, 'did', ct.id, n / 4 + 1
                from pg_catalog.generate_series(0, 99999) n
                join polyref.content_type ct on ct.app_label = 'example'
                 and ct.model = (array['video', 'song', 'post', 'bookmark'])[n % 4 + 1]
                order by n""");
        dsl.execute("vacuum analyze");
        activities = dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).fetch();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
        server.close();
    }
}
