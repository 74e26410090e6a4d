package dev.polyref.generic;

import static dev.polyref.example.db.GenericKeys.ACTIVITY_TARGET;
import static dev.polyref.example.db.Tables.ACTIVITY;
import static dev.polyref.example.db.Tables.SONG;
import static dev.polyref.example.db.Tables.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polyref.example.db.Models;
import dev.polyref.example.db.tables.records.ActivityRecord;
import dev.polyref.example.db.tables.records.SongRecord;
import dev.polyref.example.db.tables.records.VideoRecord;
import dev.polyref.testing.PolyrefTest;
import dev.polyref.testing.TestDatabase;
import dev.polyref.testing.TestRoles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultVisitListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With nothing listening to jOOQ's execution, a prefetch's target statements are prepared over JDBC on the
 * configuration's connections ({@code TargetReader.readUnobserved}): the same SQL jOOQ would execute, the same
 * records, one statement per type, in the caller's transaction, failures as jOOQ reports them, every connection
 * given back. With anything listening, jOOQ executes them. Statements are counted below jOOQ, on the JDBC
 * connections, since no {@code ExecuteListener} may be installed here.
 */
@PolyrefTest
class UnobservedExecutionTest extends ResolverTestBase {

    private final TestDatabase db;
    private final TestRoles roles;

    UnobservedExecutionTest(TestDatabase db) {
        super(db);
        this.db = db;
        this.roles = new TestRoles(db);
    }

    @AfterEach
    void dropRoles() throws Exception {
        roles.close();
    }

    private Result<ActivityRecord> feedOf(org.jooq.TableRecord<?>... targets) {
        for (var target : targets) {
            resolver.setTarget(ACTIVITY_TARGET, dsl.newRecord(ACTIVITY).setUserId(data.guido.getId())
                    .setAction("did"), target).store();
        }
        return dsl.selectFrom(ACTIVITY).orderBy(ACTIVITY.ID).fetch();
    }

    /** A PostgreSQL DSLContext with no listener over {@code provider}, jOOQ's execute logging off. */
    private static DSLContext quiet(ConnectionProvider provider) {
        return DSL.using(new DefaultConfiguration().set(provider).set(SQLDialect.POSTGRES)
                .set(new Settings().withExecuteLogging(false)));
    }

    @Test
    void withNothingListeningTargetsArePreparedOverJdbcAsJooqWouldAndEqualItsRecords() {
        data.otherVideo.setUploaderId(null);
        data.otherVideo.store();
        Result<ActivityRecord> feed = feedOf(data.video, data.otherVideo, data.song);
        registry.fetchAll();   // the catalogue warm: only target statements below
        CountingProvider connections = new CountingProvider(db.dataSource());
        DSLContext quiet = quiet(connections);
        assertThat(TargetReader.unobserved(quiet.configuration())).isTrue();

        Prefetched direct = root.using(quiet).resolver().prefetch(ACTIVITY_TARGET, feed);
        List<String> directCalls = List.copyOf(connections.calls);
        statements.reset();
        Prefetched viaJooq = resolver.prefetch(ACTIVITY_TARGET, feed);

        assertThat(directCalls).as("prepared, bound, executed and closed over JDBC, not by jOOQ (which, in 3.19, "
                + "calls execute, getResultSet and getWarnings)").containsExactly("setObject", "executeQuery", "close",
                "setObject", "executeQuery", "close");
        assertThat(connections.prepared).as("one statement per type, the SQL jOOQ executes")
                .containsExactlyInAnyOrderElementsOf(statements.statements()).hasSize(2);
        // one per statement, and one for the registry to identify the database (DatabaseKey) the first time
        assertThat(connections.acquired.get()).as("every connection given back")
                .isEqualTo(connections.released.get()).isEqualTo(3);
        List<VideoRecord> videos = List.of(direct.find(feed.get(0), Models.VIDEO).orElseThrow(),
                direct.find(feed.get(1), Models.VIDEO).orElseThrow());
        assertThat(videos).containsExactly(viaJooq.find(feed.get(0), Models.VIDEO).orElseThrow(),
                viaJooq.find(feed.get(1), Models.VIDEO).orElseThrow());
        assertThat(videos.get(1).getUploaderId()).isNull();
        SongRecord song = direct.find(feed.get(2), Models.SONG).orElseThrow();
        assertThat(song.intoArray()).containsExactly(data.song.intoArray());
        assertThat(List.of(videos.get(0), videos.get(1), song)).allSatisfy(t -> {
            assertThat(t.changed()).isFalse();
            assertThat(t.configuration()).as("attached").isNotNull();
        });
        song.setTitle("Imagine (live)");
        assertThat(song.store()).as("stored as an UPDATE of that row").isEqualTo(1);
        assertThat(dsl.fetchValue(SONG.TITLE, SONG.ID.eq(data.song.getId()))).isEqualTo("Imagine (live)");
    }

    @Test
    void targetsAreReadInTheCallersTransactionOnItsConnection() {
        Result<ActivityRecord> before = feedOf(data.song);
        int videos = dsl.fetchCount(VIDEO);
        DSLContext quiet = quiet(new DataSourceConnectionProvider(db.dataSource()));

        RuntimeException rollback = new RuntimeException("roll back");
        RuntimeException thrown = catchThrowableOfType(RuntimeException.class, () -> quiet.transaction(tx -> {
            assertThat(TargetReader.unobserved(tx)).isTrue();
            VideoRecord fresh = tx.dsl().newRecord(VIDEO).setTitle("uncommitted").setUploaderId(data.guido.getId());
            fresh.store();
            ActivityRecord row = root.using(tx.dsl()).resolver().setTarget(ACTIVITY_TARGET,
                    tx.dsl().newRecord(ACTIVITY).setUserId(data.guido.getId()).setAction("did"), fresh);
            row.store();

            Prefetched targets = root.using(tx.dsl()).resolver().prefetch(ACTIVITY_TARGET, List.of(row));

            assertThat(targets.find(row, Models.VIDEO)).as("seen only inside the transaction")
                    .hasValueSatisfying(v -> assertThat(v.getTitle()).isEqualTo("uncommitted"));
            throw rollback;
        }));

        assertThat(thrown).isSameAs(rollback);
        assertThat(dsl.fetchCount(VIDEO)).isEqualTo(videos);
        assertThat(dsl.fetchCount(ACTIVITY)).isEqualTo(before.size());
    }

    @Test
    void aFailingStatementIsJooqsDataAccessExceptionWithItsSqlAndTheConnectionGoesBack() {
        Result<ActivityRecord> feed = feedOf(data.video, data.song);
        TestRoles.Role reader = roles.create("reader");
        // may read the catalogue, the feed and the videos, not the songs
        for (String grant : List.of("grant usage on schema polyref, example to %s",
                "grant select on polyref.content_type, example.activity, example.video to %s")) {
            dsl.execute(grant.formatted(reader.quoted()));
        }
        CountingProvider connections = new CountingProvider(roles.dataSource(reader));

        DataAccessException e = catchThrowableOfType(DataAccessException.class,
                () -> root.using(quiet(connections)).resolver().prefetch(ACTIVITY_TARGET, feed));

        assertThat(e).isNotNull();
        assertThat(e.sqlState()).isEqualTo("42501");
        assertThat(e.getMessage()).startsWith("SQL [select").contains("\"example\".\"song\"")
                .contains("permission denied");
        assertThat(connections.acquired.get()).isPositive().isEqualTo(connections.released.get());
    }

    @Test
    void anythingListeningOrAStatementSettingLetsJooqExecute() {
        DSLContext quiet = quiet(new DataSourceConnectionProvider(db.dataSource()));
        AtomicInteger seen = new AtomicInteger();
        DSLContext listened = DSL.using(quiet.configuration().derive(ExecuteListener.onExecuteStart(
                ctx -> seen.incrementAndGet())));

        assertThat(TargetReader.unobserved(quiet.configuration())).isTrue();
        assertThat(TargetReader.unobserved(listened.configuration())).isFalse();
        assertThat(TargetReader.unobserved(quiet.configuration().derive(new DefaultVisitListener())))
                .as("a visit listener may change the statement").isFalse();
        for (Settings settings : List.of(new Settings().withQueryTimeout(5), new Settings().withMaxRows(10),
                new Settings().withFetchSize(100), new Settings().withStatementType(StatementType.STATIC_STATEMENT),
                new Settings().withParamType(org.jooq.conf.ParamType.NAMED),
                new Settings().withFetchServerOutputSize(10))) {
            assertThat(TargetReader.unobserved(quiet.configuration().derive(settings.withExecuteLogging(false))))
                    .as(settings.toString()).isFalse();
        }

        Result<ActivityRecord> feed = feedOf(data.video, data.song);
        registry.fetchAll();
        Prefetched targets = root.using(listened).resolver().prefetch(ACTIVITY_TARGET, feed);

        assertThat(seen.get()).as("the listener sees both target statements: jOOQ executed them").isEqualTo(2);
        assertThat(targets.find(feed.get(1), Models.SONG)).isPresent();
    }

    /** Connections from a data source, counted and their prepared SQL recorded. */
    private static final class CountingProvider implements ConnectionProvider {

        final List<String> prepared = Collections.synchronizedList(new ArrayList<>());
        /** The methods called on the prepared statements, in order. */
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger acquired = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        private final DataSource dataSource;

        CountingProvider(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection acquire() {
            try {
                Connection connection = dataSource.getConnection();
                acquired.incrementAndGet();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")) {
                                prepared.add((String) args[0]);
                            }
                            Object result;
                            try {
                                result = method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (result instanceof java.sql.PreparedStatement statement) {
                                return Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                        new Class<?>[] {java.sql.PreparedStatement.class}, (p, m, a) -> {
                                            calls.add(m.getName());
                                            try {
                                                return m.invoke(statement, a);
                                            } catch (InvocationTargetException e) {
                                                throw e.getCause();
                                            }
                                        });
                            }
                            return result;
                        });
            } catch (java.sql.SQLException e) {
                throw new DataAccessException("acquire", e);
            }
        }

        @Override
        public void release(Connection connection) {
            released.incrementAndGet();
            try {
                connection.close();
            } catch (java.sql.SQLException e) {
                throw new DataAccessException("release", e);
            }
        }
    }
}
