package io.learnloop.core.internal.store;

import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryStoreDeriveTest {
    record Item(String id, String group, int amount) {
    }

    private static final AggregateType<Item> ITEM = AggregateType.builder("item", Item.class, Item::id)
            .index("group", Item::group)
            .build();
    private static final TenantId T = TenantId.DEFAULT;

    private final Store store = new MemoryStore();
    private final AtomicInteger runs = new AtomicInteger();
    private final BiFunction<String, List<Item>, String> sum = (key, items) -> {
        runs.incrementAndGet();
        int total = 0;
        for (Item i : items) {
            total += i.amount();
        }
        return key + "=" + total;
    };

    private String derived(String group) {
        return store.read(T, uow -> ((IndexedValues) uow).derive(ITEM, "group", group, sum));
    }

    @Test
    void derive_whenRowsUnchanged_remembersTheResult() {
        store.transact(T, uow -> uow.insert(ITEM, new Item("a", "g", 2)));

        assertThat(derived("g")).isEqualTo("g=2");
        assertThat(derived("g")).isEqualTo("g=2");
        assertThat(runs).hasValue(1);
    }

    @Test
    void derive_whenARowUnderTheKeyChanges_derivesAgain() {
        Versioned<Item> a = store.transact(T, uow -> uow.insert(ITEM, new Item("a", "g", 2)));
        assertThat(derived("g")).isEqualTo("g=2");

        store.transact(T, uow -> uow.insert(ITEM, new Item("b", "g", 3)));
        assertThat(derived("g")).isEqualTo("g=5");

        store.transact(T, uow -> uow.update(ITEM, new Item("a", "g", 10), a.version()));
        assertThat(derived("g")).isEqualTo("g=13");

        store.transact(T, uow -> uow.update(ITEM, new Item("a", "h", 10), a.version() + 1));
        assertThat(derived("g")).isEqualTo("g=3");
        assertThat(derived("h")).isEqualTo("h=10");

        store.transact(T, uow -> {
            uow.delete(ITEM, "b", 1);
            return null;
        });
        assertThat(derived("g")).isEqualTo("g=0");
    }

    @Test
    void derive_whenTheWorkHasStagedWrites_seesThemAndRemembersNothing() {
        store.transact(T, uow -> uow.insert(ITEM, new Item("a", "g", 2)));

        String inside = store.transact(T, uow -> {
            uow.insert(ITEM, new Item("b", "g", 3));
            return ((IndexedValues) uow).derive(ITEM, "group", "g", sum);
        });

        assertThat(inside).isEqualTo("g=5");
        assertThat(derived("g")).isEqualTo("g=5");
        assertThat(derived("g")).isEqualTo("g=5");
        assertThat(runs).hasValue(2);
    }

    @Test
    void derive_whenAnotherDerivationAsks_doesNotReturnTheFirstOnesResult() {
        store.transact(T, uow -> uow.insert(ITEM, new Item("a", "g", 2)));
        BiFunction<String, List<Item>, String> count = (key, items) -> key + "#" + items.size();

        assertThat(derived("g")).isEqualTo("g=2");
        String counted = store.read(T, uow -> ((IndexedValues) uow).derive(ITEM, "group", "g", count));
        assertThat(counted).isEqualTo("g#1");
        assertThat(derived("g")).isEqualTo("g=2");
    }

    @Test
    void valuesBy_whenNothingStaged_listsTheCommittedValuesInIndexOrder() {
        store.transact(T, uow -> uow.insert(ITEM, new Item("a", "g", 2)));
        store.transact(T, uow -> uow.insert(ITEM, new Item("b", "g", 3)));

        List<Item> filed = store.read(T, uow -> ((IndexedValues) uow).valuesBy(ITEM, "group", "g"));
        List<Item> none = store.read(T, uow -> ((IndexedValues) uow).valuesBy(ITEM, "group", "none"));

        assertThat(filed).containsExactly(new Item("a", "g", 2), new Item("b", "g", 3));
        assertThat(none).isEmpty();
    }
}
