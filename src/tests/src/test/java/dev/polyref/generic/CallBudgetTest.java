package dev.polyref.generic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What one-round-trip mode counts for each id and statement (GenericResolver.ONE_ROUND_TRIP_BYTES). */
class CallBudgetTest {

    @Test
    void numbersCountTheirDigitsSignAndSeparator() {
        assertThat(CallBudget.idBytes(7L)).isEqualTo(2);
        assertThat(CallBudget.idBytes(1_234_567L)).isEqualTo(8);
        assertThat(CallBudget.idBytes(-5)).isEqualTo(3);
        assertThat(CallBudget.idBytes((short) 10)).isEqualTo(3);
        assertThat(CallBudget.idBytes(Long.MIN_VALUE)).isEqualTo(21);
        assertThat(CallBudget.idBytes(Long.MAX_VALUE)).isEqualTo(20);
    }

    @Test
    void uuidsAndTextCountTheirQuotedUtf8Form() {
        assertThat(CallBudget.idBytes(UUID.randomUUID())).isEqualTo(39);
        assertThat(CallBudget.idBytes("ab")).as("\"ab\",").isEqualTo(5);
        assertThat(CallBudget.idBytes("a\"b\\c")).as("\"a\\\"b\\\\c\",").isEqualTo(10);
        assertThat(CallBudget.idBytes("\u00e9\u20ac\ud83d\ude00")).as("2 + 3 + 4 bytes").isEqualTo(3 + 9);
    }

    @Test
    void aStatementCountsItsSqlAsUtf8PlusItsMessages() {
        assertThat(CallBudget.statementBytes("select 1")).isEqualTo(8 + CallBudget.STATEMENT_OVERHEAD);
        assertThat(CallBudget.statementBytes("\u00e9")).isEqualTo(2 + CallBudget.STATEMENT_OVERHEAD);
    }
}
