package io.learnloop.jdbc.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyMemoryTest {
    private static final AggregateKeys KEYS = new AggregateKeys(List.of(new AggregateKeys.Key("sku", "A", null)),
            List.of());

    @Test
    void read_whenFarMoreAggregatesThanCapacity_keepsOnlyTheMostRecentlyUsed() {
        KeyMemory memory = new KeyMemory();
        memory.wrote("item", "kept", 3, "{\"sku\":\"A\"}", KEYS);

        for (int i = 0; i < 100_000; i++) {
            memory.read("item", "i" + i, 1, "{}");
            if (i % 100 == 0) {
                memory.at("item", "kept", 3);
            }
        }

        assertThat(memory.size()).isEqualTo(KeyMemory.CAPACITY);
        assertThat(memory.at("item", "kept", 3).keys()).isEqualTo(KEYS);
        assertThat(memory.at("item", "i0", 1)).isNull();
        assertThat(memory.at("item", "i99999", 1).body()).isEqualTo("{}");
    }

    @Test
    void at_whenAnotherVersionIsRemembered_returnsNull() {
        KeyMemory memory = new KeyMemory();
        memory.wrote("item", "a", 2, "{\"sku\":\"A\"}", KEYS);

        assertThat(memory.at("item", "a", 1)).isNull();
        assertThat(memory.at("item", "a", 2)).isNotNull();
    }

    @Test
    void read_whenSameVersionWrittenBefore_keepsTheKnownKeys() {
        KeyMemory memory = new KeyMemory();
        memory.wrote("item", "a", 2, "{\"sku\":\"A\"}", KEYS);

        memory.read("item", "a", 2, "{}");

        assertThat(memory.at("item", "a", 2).keys()).isEqualTo(KEYS);
    }

    @Test
    void forget_whenDeleted_remembersNothing() {
        KeyMemory memory = new KeyMemory();
        memory.wrote("item", "a", 1, "{\"sku\":\"A\"}", KEYS);

        memory.forget("item", "a");

        assertThat(memory.at("item", "a", 1)).isNull();
    }

    @Test
    void written_whenWrittenThenReadAgain_returnsTheWrittenDocument() {
        KeyMemory memory = new KeyMemory();
        memory.wrote("item", "a", 2, "{\"sku\":\"A\"}", KEYS);

        memory.read("item", "a", 2, "{\"sku\":\"A\"}");

        assertThat(memory.written("item", "a").version()).isEqualTo(2);
        assertThat(memory.written("item", "a").body()).isEqualTo("{\"sku\":\"A\"}");
    }

    @Test
    void written_whenOnlyRead_returnsNull() {
        KeyMemory memory = new KeyMemory();

        memory.read("item", "a", 3, "{\"sku\":\"B\"}");

        assertThat(memory.written("item", "a")).isNull();
        assertThat(memory.at("item", "a", 3)).isNotNull();
    }
}
