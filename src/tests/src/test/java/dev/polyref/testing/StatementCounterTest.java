package dev.polyref.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** {@code assertStatements}: Django's assertNumQueries, with the SQL that ran in the failure message. */
@PolyrefTest
class StatementCounterTest {

    private final TestDatabase db;

    StatementCounterTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void resetCounter() {
        db.counter().reset();
    }

    @Test
    void passesOnTheExactCountAndReturnsTheResult() {
        Integer answer = db.assertStatements(1, () -> db.dsl().fetchSingle("select 42").get(0, Integer.class));
        assertThat(answer).isEqualTo(42);
        db.assertStatements(2, () -> {
            db.dsl().execute("select 1");
            db.dsl().execute("select 2");
        });
        db.assertStatements(0, () -> {});
        assertThat(db.counter().count()).isEqualTo(3);
    }

    @Test
    void aFailureNamesEveryStatementThatRan() {
        assertThatThrownBy(() -> db.assertStatements(1, () -> {
            db.dsl().execute("select 'first'");
            db.dsl().fetch("select count(*) from example.video");
        }))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("Expected 1 statement but 2 ran:\n"
                        + "  1. select 'first'\n"
                        + "  2. select count(*) from example.video")
                .satisfies(e -> {
                    AssertionFailedError failure = (AssertionFailedError) e;
                    assertThat(failure.getExpected().getValue()).isEqualTo(1);
                    assertThat(failure.getActual().getValue()).isEqualTo(2);
                });
    }

    @Test
    void tooFewStatementsFailToo() {
        assertThatThrownBy(() -> db.assertStatements(2, () -> db.dsl().execute("select 1")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("Expected 2 statements but 1 ran:\n  1. select 1");
        assertThatThrownBy(() -> db.assertStatements(1, () -> {}))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("Expected 1 statement but 0 ran");
    }

    @Test
    void statementsBeforeTheCallDoNotCount() {
        db.dsl().execute("select 1");
        db.dsl().execute("select 2");
        db.assertStatements(1, () -> db.dsl().execute("select 3"));
        assertThat(db.counter().statements()).containsExactly("select 1", "select 2", "select 3");
    }

    @Test
    void aBatchIsOneStatement() {
        db.dsl().execute("create table example.counted (n int)");
        db.assertStatements(1, () -> db.dsl().batch(
                "insert into example.counted values (1)", "insert into example.counted values (2)").execute());
        assertThat(db.dsl().fetchSingle("select count(*) from example.counted").get(0, Integer.class)).isEqualTo(2);
    }

    @Test
    void roundTripsCountWhatGoesOverTheWire() {
        RoundTrips.assertRoundTrips(1, () -> db.dsl().execute("select 1"));
        RoundTrips.assertRoundTrips(1, () -> db.dsl().execute("select 1; select 2"));
        assertThatThrownBy(() -> RoundTrips.assertRoundTrips(1, () -> {
            db.dsl().execute("select 1");
            db.dsl().execute("select 2");
        }))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("Expected 1 round trip to PostgreSQL but 2 happened");
    }
}
