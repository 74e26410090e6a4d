package dev.polyref.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive id index behind a prefetch of bigint and integer keys (IdIndex). */
class LongKeysTest {

    @Test
    void distinctKeysAreNumberedInFirstSeenOrder() {
        LongKeys keys = new LongKeys(4);
        assertThat(keys.add(42)).isZero();
        assertThat(keys.add(7)).isEqualTo(1);
        assertThat(keys.add(42)).as("a duplicate keeps its position").isZero();
        assertThat(keys.add(-3)).isEqualTo(2);
        assertThat(keys.add(7)).isEqualTo(1);
        assertThat(keys.size()).isEqualTo(3);
        assertThat(List.of(keys.get(0), keys.get(1), keys.get(2))).containsExactly(42L, 7L, -3L);
        assertThatThrownBy(() -> keys.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void zeroAndTheExtremesAreOrdinaryKeys() {
        // 0 marks nothing: an empty slot is a position of 0, not a key of 0
        LongKeys keys = new LongKeys(2);
        assertThat(keys.indexOf(0)).isEqualTo(-1);
        long[] values = {0, Long.MIN_VALUE, Long.MAX_VALUE, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE + 1L, Long.MIN_VALUE + 1};
        for (int i = 0; i < values.length; i++) {
            assertThat(keys.add(values[i])).isEqualTo(i);
        }
        for (int i = 0; i < values.length; i++) {
            assertThat(keys.indexOf(values[i])).as("%d", values[i]).isEqualTo(i);
            assertThat(keys.add(values[i])).isEqualTo(i);
            assertThat(keys.get(i)).isEqualTo(values[i]);
        }
        assertThat(keys.size()).isEqualTo(values.length);
        assertThat(keys.indexOf(2)).isEqualTo(-1);
        assertThat(keys.indexOf(Long.MAX_VALUE - 1)).isEqualTo(-1);
    }

    @Test
    void aMillionKeysSurviveEveryResizeInOrder() {
        // Started at 4 keys: the table doubles about 18 times on the way
        LongKeys keys = new LongKeys(4);
        Random random = new Random(15);
        LinkedHashSet<Long> expected = new LinkedHashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            // Sequential, negative, strided (zero low bits) and random ids, with duplicates among them
            long key = switch (i % 4) {
                case 0 -> i;
                case 1 -> -i;
                case 2 -> (long) (i % 250_000) << 22;
                default -> random.nextLong();
            };
            int position = keys.add(key);
            if (expected.add(key)) {
                assertThat(position).isEqualTo(expected.size() - 1);
            }
        }
        assertThat(keys.size()).isEqualTo(expected.size());
        int i = 0;
        for (long key : expected) {
            assertThat(keys.get(i)).isEqualTo(key);
            assertThat(keys.indexOf(key)).isEqualTo(i);
            i++;
        }
    }

    @Test
    void absentKeysAreNotFoundAtAnySize() {
        LongKeys keys = new LongKeys(16);
        List<Long> added = new ArrayList<>();
        for (long k = 0; k < 100_000; k++) {
            keys.add(k * 2);
            added.add(k * 2);
        }
        for (long k = 0; k < 100_000; k++) {
            assertThat(keys.indexOf(k * 2 + 1)).isEqualTo(-1);
        }
        assertThat(keys.indexOf(-2)).isEqualTo(-1);
        assertThat(keys.indexOf(Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(keys.indexOf(added.get(99_999))).isEqualTo(99_999);
    }

    @Test
    void theMixSpreadsSequentialIdsOverTheLowBits() {
        // Sequential ids into 1024 buckets by the low bits of the mix: none more than three times its share
        int[] buckets = new int[1024];
        for (long id = 1; id <= 100_000; id++) {
            buckets[LongKeys.mix(id) & 1023]++;
        }
        assertThat(java.util.Arrays.stream(buckets).max().orElseThrow()).isLessThan(3 * 100_000 / 1024);
        assertThat(java.util.Arrays.stream(buckets).min().orElseThrow()).isGreaterThan(0);
    }
}
