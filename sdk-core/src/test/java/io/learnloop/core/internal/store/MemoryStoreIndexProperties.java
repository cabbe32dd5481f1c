package io.learnloop.core.internal.store;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random inserts, updates and deletes, several to a unit of work, against a reference model that keeps each index
 * key's ids in a plain list: a row joins the end of a key, keeps its place while it keeps the key, and leaves it
 * when it drops the key or is deleted. A unit of work that hits a stale version leaves nothing behind.
 */
class MemoryStoreIndexProperties {
    record Item(String id, String group, List<String> tags, int amount) {
    }

    private static final AggregateType<Item> ITEM = AggregateType.builder("item", Item.class, Item::id)
            .index("group", Item::group)
            .multiIndex("tag", Item::tags)
            .build();
    private static final TenantId T = TenantId.DEFAULT;
    /** The hot group comes up most, so its key holds many rows and sees every kind of change. */
    private static final String[] GROUPS = {"hot", "hot", "hot", "hot", "a", "b"};
    private static final String[] TAGS = {"x", "y", "z", "w"};
    private static final BiFunction<String, List<Item>, Integer> SUM =
            (key, items) -> items.stream().mapToInt(Item::amount).sum();

    /** The reference: rows by id in insertion order, and the ids under each key. */
    private static final class Model {
        final Map<String, Versioned<Item>> rows = new LinkedHashMap<>();
        final Map<String, List<String>> keys = new LinkedHashMap<>();

        void insert(Item item) {
            rows.put(item.id(), new Versioned<>(item, 1));
            for (String key : keysOf(item)) {
                keys.computeIfAbsent(key, k -> new ArrayList<>()).add(item.id());
            }
        }

        void update(Item item) {
            Versioned<Item> old = rows.get(item.id());
            // The row keeps its insertion place (LinkedHashMap keeps an existing key's position).
            rows.put(item.id(), new Versioned<>(item, old.version() + 1));
            List<String> before = keysOf(old.value());
            List<String> after = keysOf(item);
            for (String key : before) {
                if (!after.contains(key)) {
                    keys.get(key).remove(item.id());
                }
            }
            for (String key : after) {
                if (!before.contains(key)) {
                    keys.computeIfAbsent(key, k -> new ArrayList<>()).add(item.id());
                }
            }
        }

        void delete(String id) {
            for (String key : keysOf(rows.remove(id).value())) {
                keys.get(key).remove(id);
            }
        }

        static List<String> keysOf(Item item) {
            List<String> keys = new ArrayList<>();
            keys.add("group:" + item.group());
            item.tags().stream().distinct().forEach(t -> keys.add("tag:" + t));
            return keys;
        }
    }

    @Property(tries = 80)
    void writes_whenRandomlyMixedUnderFewKeys_keepEveryIndexInInsertionOrder(
            @ForAll Random random, @ForAll @IntRange(min = 1, max = 400) int transactions) {
        Store store = new MemoryStore();
        Model model = new Model();
        int ids = 60;
        int amount = 0;
        for (int tx = 0; tx < transactions; tx++) {
            // Each unit of work touches distinct ids, so the model can apply its writes in order.
            List<Consumer<UnitOfWork>> writes = new ArrayList<>();
            List<Runnable> modelled = new ArrayList<>();
            Set<String> touched = new HashSet<>();
            boolean stale = false;
            int size = 1 + random.nextInt(4);
            for (int w = 0; w < size; w++) {
                String id = "r" + random.nextInt(ids);
                if (!touched.add(id)) {
                    continue;
                }
                Versioned<Item> current = model.rows.get(id);
                Item item = new Item(id, GROUPS[random.nextInt(GROUPS.length)], tags(random), ++amount);
                if (current == null) {
                    writes.add(uow -> uow.insert(ITEM, item));
                    modelled.add(() -> model.insert(item));
                } else if (random.nextInt(8) == 0) {
                    writes.add(uow -> uow.delete(ITEM, id, current.version()));
                    modelled.add(() -> model.delete(id));
                } else if (random.nextInt(20) == 0) {
                    stale = true;
                    writes.add(uow -> uow.update(ITEM, item, current.version() + 1));
                } else {
                    // Keep the group most of the time, so rows also stay in place under a changed value.
                    Item next = random.nextBoolean() ? new Item(id, current.value().group(), item.tags(), item.amount()) : item;
                    writes.add(uow -> uow.update(ITEM, next, current.version()));
                    modelled.add(() -> model.update(next));
                }
            }
            if (stale) {
                assertThatThrownBy(() -> store.transact(T, uow -> {
                    writes.forEach(w -> w.accept(uow));
                    return null;
                })).isInstanceOf(ConflictException.class);
            } else {
                store.transact(T, uow -> {
                    writes.forEach(w -> w.accept(uow));
                    return null;
                });
                modelled.forEach(Runnable::run);
            }
            if (tx % 10 == 0 || tx == transactions - 1) {
                assertMatches(store, model);
            }
        }
    }

    private static List<String> tags(Random random) {
        List<String> tags = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            tags.add(TAGS[random.nextInt(TAGS.length)]);
        }
        return tags;
    }

    private static void assertMatches(Store store, Model model) {
        store.read(T, uow -> {
            IndexedValues values = (IndexedValues) uow;
            for (String group : new String[] {"hot", "a", "b"}) {
                assertKey(uow, values, "group", group, model);
            }
            for (String tag : TAGS) {
                assertKey(uow, values, "tag", tag, model);
            }
            assertThat(uow.list(ITEM, 0, Integer.MAX_VALUE)).containsExactlyElementsOf(model.rows.values());
            assertThat(uow.count(ITEM)).isEqualTo(model.rows.size());
            return null;
        });
    }

    private static void assertKey(UnitOfWork uow, IndexedValues values, String index, String key, Model model) {
        // every store lists a key's rows in insertion order, whenever they joined the key
        List<Versioned<Item>> expected = model.rows.values().stream()
                .filter(v -> Model.keysOf(v.value()).contains(index + ":" + key)).toList();
        assertThat(uow.findBy(ITEM, index, key)).as("%s %s", index, key).containsExactlyElementsOf(expected);
        assertThat(values.valuesBy(ITEM, index, key)).containsExactlyElementsOf(expected.stream().map(Versioned::value).toList());
        assertThat(values.derive(ITEM, index, key, SUM))
                .isEqualTo(expected.stream().mapToInt(v -> v.value().amount()).sum());
    }
}
