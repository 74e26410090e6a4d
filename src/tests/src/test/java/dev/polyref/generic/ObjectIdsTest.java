package dev.polyref.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyref.ObjectIdCoercionException;
import dev.polyref.example.db.Models;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The coercion rules of GenericKey's Javadoc, value by value. */
class ObjectIdsTest {

    private static final UUID ID = UUID.fromString("0b9b6a2e-6c1f-4a57-9f0e-2d8f1c3a4b5c");

    @Test
    void integersWidenAndNarrowOnlyInRange() {
        assertThat(ObjectIds.convert(42, Long.class)).isEqualTo(42L);
        assertThat(ObjectIds.convert(42L, Integer.class)).isEqualTo(42);
        assertThat(ObjectIds.convert(3_000_000_000L, Integer.class)).isNull();
        assertThat(ObjectIds.convert(70_000L, Short.class)).isNull();
    }

    @Test
    void textHoldsTheOneCanonicalSpellingOfEveryKey() {
        assertThat(ObjectIds.convert(42L, String.class)).isEqualTo("42");
        assertThat(ObjectIds.convert(-7L, String.class)).isEqualTo("-7");
        assertThat(ObjectIds.convert(ID, String.class)).isEqualTo(ID.toString());
        assertThat(ObjectIds.convert("42", Long.class)).isEqualTo(42L);
        assertThat(ObjectIds.convert("0", Long.class)).isEqualTo(0L);
        assertThat(ObjectIds.convert("-7", Long.class)).isEqualTo(-7L);
        assertThat(ObjectIds.convert("9223372036854775807", Long.class)).isEqualTo(Long.MAX_VALUE);
        assertThat(ObjectIds.convert(ID.toString(), UUID.class)).isEqualTo(ID);
    }

    @Test
    void otherSpellingsAndImpossibleTypesDoNotConvert() {
        for (String bad : new String[] {"042", "+42", " 42", "42 ", "4_2", "0x2a", "abc", "", "1e3", "-0",
                "9223372036854775808", "\u0664\u0662"}) {
            assertThat(ObjectIds.convert(bad, Long.class)).as(bad).isNull();
        }
        for (String bad : new String[] {ID.toString().toUpperCase(), ID.toString().replace("-", ""),
                "{" + ID + "}", "1-1-1-1-1"}) {
            assertThat(ObjectIds.convert(bad, UUID.class)).as(bad).isNull();
        }
        assertThat(ObjectIds.convert(ID, Long.class)).isNull();
        assertThat(ObjectIds.convert(42L, UUID.class)).isNull();
    }

    @Test
    void theMessageForAnIntegerKeySpellsOutTheRule() {
        assertThatThrownBy(() -> ObjectIds.toKey("+42", Models.VIDEO, () -> "example.tagged_item.object_id"))
                .isInstanceOf(ObjectIdCoercionException.class)
                .hasMessage("Object id '+42' in example.tagged_item.object_id cannot be coerced to the bigint primary "
                        + "key example.video.id (expected an integer in range, as text in plain decimal form: "
                        + "no '+', no leading zeros, no blanks)");
    }
}
