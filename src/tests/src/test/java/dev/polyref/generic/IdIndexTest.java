package dev.polyref.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A prefetch's ids of one content type, in first-seen order, with Object.equals's equality. */
class IdIndexTest {

    @Test
    void bigintKeysKeepTheirOrderAndTheirBoxes() {
        IdIndex ids = new IdIndex(Long.class, 2);
        Long big = 5_000_000_000L;
        assertThat(ids.add(3L)).isZero();
        assertThat(ids.add(big)).isEqualTo(1);
        assertThat(ids.add(3L)).isZero();
        assertThat(ids.add(-1L)).isEqualTo(2);
        assertThat(ids.add(Long.MIN_VALUE)).isEqualTo(3);
        assertThat(ids.keys()).containsExactly(3L, big, -1L, Long.MIN_VALUE);
        assertThat(ids.get(1)).as("the id as given, not boxed again").isSameAs(big);
        assertThat(ids.indexOf(5_000_000_000L)).isEqualTo(1);
        assertThat(ids.indexOf(4L)).isEqualTo(-1);
        assertThat(ids.indexOf(3)).as("an Integer 3 is not the Long 3, as in a HashMap").isEqualTo(-1);
        assertThat(ids.indexOf("3")).isEqualTo(-1);
        assertThatThrownBy(() -> ids.keys().set(0, 9L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void integerKeysAreIndexedToo() {
        IdIndex ids = new IdIndex(Integer.class, 16);
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.add(i * 7 % 10_000)).isEqualTo(i);
        }
        assertThat(ids.add(Integer.MAX_VALUE)).isEqualTo(10_000);
        assertThat(ids.add(Integer.MIN_VALUE)).isEqualTo(10_001);
        assertThat(ids.indexOf(7)).isEqualTo(1);
        assertThat(ids.indexOf(7L)).as("a Long 7 is not the Integer 7").isEqualTo(-1);
        assertThat(ids.indexOf(Integer.MIN_VALUE)).isEqualTo(10_001);
        assertThat(ids.size()).isEqualTo(10_002);
    }

    @Test
    void otherKeyTypesUseEqualsInFirstSeenOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        IdIndex uuids = new IdIndex(UUID.class, 1);
        assertThat(uuids.add(b)).isZero();
        assertThat(uuids.add(a)).isEqualTo(1);
        assertThat(uuids.add(UUID.fromString(b.toString()))).isZero();
        assertThat(uuids.keys()).containsExactly(b, a);
        assertThat(uuids.indexOf(UUID.randomUUID())).isEqualTo(-1);

        IdIndex texts = new IdIndex(String.class, 1);
        texts.add("b");
        texts.add("a");
        texts.add("b");
        assertThat(texts.keys()).containsExactly("b", "a");
        assertThat(texts.indexOf("a")).isEqualTo(1);

        IdIndex decimals = new IdIndex(BigDecimal.class, 1);
        decimals.add(new BigDecimal("1.0"));
        assertThat(decimals.indexOf(new BigDecimal("1.00"))).as("BigDecimal.equals, as a HashMap").isEqualTo(-1);
        assertThat(decimals.indexOf(new BigDecimal("1.0"))).isZero();
    }

    @Test
    void withoutAKeyTypeTheFirstIdDecides() {
        IdIndex ids = new IdIndex(null, 1);
        assertThat(ids.indexOf(1L)).isEqualTo(-1);
        ids.add(1L);
        ids.add(2L);
        assertThat(ids.indexOf(2L)).isEqualTo(1);
        assertThat(ids.indexOf(2)).isEqualTo(-1);
    }

    @Test
    void anIdOfAnotherClassMovesTheIndexToEqualsWithoutLosingAnything() {
        IdIndex ids = new IdIndex(Long.class, 1);
        ids.add(1L);
        ids.add(2L);
        assertThat(ids.add(1)).as("Integer 1 is a new id").isEqualTo(2);
        assertThat(ids.add("1")).isEqualTo(3);
        assertThat(ids.add(2L)).isEqualTo(1);
        assertThat(ids.keys()).containsExactly(1L, 2L, 1, "1");
        assertThat(ids.indexOf(1L)).isZero();
        assertThat(ids.indexOf(1)).isEqualTo(2);
        assertThat(ids.indexOf("1")).isEqualTo(3);
    }

    @Test
    void aViewOfTheKeysStaysValidAfterTheIndexGrows() {
        IdIndex ids = new IdIndex(Long.class, 2);
        ids.add(10L);
        ids.add(20L);
        var first = ids.keys();
        for (long i = 0; i < 100; i++) {
            ids.add(i + 100);
        }
        assertThat(first).containsExactly(10L, 20L);
        assertThat(ids.keys()).hasSize(102).startsWith(10L, 20L, 100L);
    }
}
