package io.learnloop.core.internal.store;

import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Many rows under one index key: order, snapshots and concurrent writers. */
class MemoryStoreHotKeyTest {
    record Item(String id, String group, int amount) {
        Item withGroup(String g) {
            return new Item(id, g, amount);
        }

        Item withAmount(int a) {
            return new Item(id, group, a);
        }
    }

    private static final AggregateType<Item> ITEM = AggregateType.builder("item", Item.class, Item::id)
            .index("group", Item::group)
            .build();
    private static final TenantId T = TenantId.DEFAULT;
    private static final BiFunction<String, List<Item>, Integer> SUM =
            (key, items) -> items.stream().mapToInt(Item::amount).sum();

    private final Store store = new MemoryStore();

    private Versioned<Item> insert(Item item) {
        return store.transact(T, uow -> uow.insert(ITEM, item));
    }

    private Versioned<Item> update(Item item, long version) {
        return store.transact(T, uow -> uow.update(ITEM, item, version));
    }

    private void delete(String id, long version) {
        store.transact(T, uow -> {
            uow.delete(ITEM, id, version);
            return null;
        });
    }

    private List<String> ids(String group) {
        return store.read(T, uow -> uow.findBy(ITEM, "group", group)).stream().map(v -> v.value().id()).toList();
    }

    private List<Item> values(String group) {
        return store.read(T, uow -> ((IndexedValues) uow).valuesBy(ITEM, "group", group));
    }

    private int sum(String group) {
        return store.read(T, uow -> ((IndexedValues) uow).derive(ITEM, "group", group, SUM));
    }

    @Test
    void findBy_whenRowsUnderAHotKeyAreReplacedMovedAndDeleted_keepsInsertionOrder() {
        List<String> expected = new ArrayList<>();
        List<Versioned<Item>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(insert(new Item("i" + i, "hot", 1)));
            expected.add("i" + i);
        }
        assertThat(sum("hot")).isEqualTo(300);
        for (int i = 0; i < 300; i += 3) {
            Versioned<Item> v = rows.get(i);
            rows.set(i, update(v.value().withAmount(2), v.version()));
        }
        assertThat(ids("hot")).containsExactlyElementsOf(expected);
        assertThat(sum("hot")).isEqualTo(400);
        for (int i = 0; i < 300; i += 5) {
            Versioned<Item> v = rows.get(i);
            rows.set(i, update(v.value().withGroup("cold"), v.version()));
            expected.remove("i" + i);
        }
        for (int i = 0; i < 300; i += 7) {
            Versioned<Item> v = rows.get(i);
            delete(v.value().id(), v.version());
            rows.set(i, null);
            expected.remove("i" + i);
        }
        // Rows moved back take their place in insertion order again, whatever the order they came back in, as on
        // every store.
        for (int i = 295; i >= 0; i -= 5) {
            Versioned<Item> v = rows.get(i);
            if (v != null) {
                rows.set(i, update(v.value().withGroup("hot"), v.version()));
                expected.add("i" + i);
            }
        }
        expected.sort(java.util.Comparator.comparingInt(id -> Integer.parseInt(id.substring(1))));

        assertThat(ids("hot")).containsExactlyElementsOf(expected);
        assertThat(values("hot")).extracting(Item::id).containsExactlyElementsOf(expected);
        assertThat(ids("cold")).isEmpty();
        int total = 0;
        for (Versioned<Item> v : rows) {
            total += v == null ? 0 : v.value().amount();
        }
        assertThat(sum("hot")).isEqualTo(total);
        List<Versioned<Item>> found = store.read(T, uow -> uow.findBy(ITEM, "group", "hot"));
        for (Versioned<Item> v : found) {
            assertThat(v).isEqualTo(rows.get(Integer.parseInt(v.value().id().substring(1))));
        }
    }

    @Test
    void update_whenARowThatJoinedTheKeyLaterIsUpdatedAgain_keepsItsInsertionPlace() {
        Versioned<Item> a = insert(new Item("a", "cold", 1));
        insert(new Item("b", "hot", 1));
        Versioned<Item> moved = update(a.value().withGroup("hot"), a.version());
        insert(new Item("c", "hot", 1));

        Versioned<Item> again = update(moved.value().withAmount(7), moved.version());
        insert(new Item("d", "hot", 1));
        update(again.value().withAmount(8), again.version());

        assertThat(ids("hot")).containsExactly("a", "b", "c", "d");
        assertThat(sum("hot")).isEqualTo(11);
        delete("a", again.version() + 1);
        assertThat(ids("hot")).containsExactly("b", "c", "d");
    }

    @Test
    void valuesBy_whenWritersCommitAfterTheRead_keepsShowingTheRowsItWasGiven() {
        List<Versioned<Item>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(insert(new Item("i" + i, "hot", i)));
        }
        List<Item> snapshot = values("hot");
        List<Item> copy = List.copyOf(snapshot);

        for (int i = 100; i < 200; i++) {
            insert(new Item("i" + i, "hot", i));
        }
        for (int i = 0; i < 100; i += 10) {
            update(rows.get(i).value().withAmount(-1), rows.get(i).version());
            delete("i" + (i + 1), rows.get(i + 1).version());
        }

        assertThat(snapshot).containsExactlyElementsOf(copy);
        assertThat(snapshot).hasSize(100);
        List<Item> now = values("hot");
        assertThat(now).hasSize(190);
        assertThat(now.get(0)).isEqualTo(new Item("i0", "hot", -1));
    }

    @Test
    void read_whenAnotherThreadCommitsDuringTheRead_seesOneStateOfTheKey() throws Exception {
        for (int i = 0; i < 100; i++) {
            insert(new Item("i" + i, "hot", 1));
        }
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            List<Item> inside = store.read(T, uow -> {
                List<Item> first = ((IndexedValues) uow).valuesBy(ITEM, "group", "hot");
                Future<?> done = writer.submit(() -> {
                    for (int i = 100; i < 150; i++) {
                        insert(new Item("i" + i, "hot", 1));
                    }
                    delete("i0", 1);
                });
                try {
                    done.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return first;
            });
            assertThat(inside).hasSize(100);
            assertThat(inside.get(0).id()).isEqualTo("i0");
            assertThat(values("hot")).hasSize(149);
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void transact_whenThreadsWriteUnderOneKey_leavesEveryRowOnceInEachWritersOrder() throws Exception {
        int threads = 4;
        int perThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Versioned<Item>>>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                writers.add(pool.submit(() -> {
                    start.await();
                    List<Versioned<Item>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(insert(new Item(prefix + i, "hot", 1)));
                        if (i % 4 == 3) {
                            // Update an earlier row of this writer in place, and delete another.
                            Versioned<Item> v = mine.get(i - 2);
                            mine.set(i - 2, update(v.value().withAmount(5), v.version()));
                            Versioned<Item> gone = mine.get(i - 3);
                            delete(gone.value().id(), gone.version());
                            mine.set(i - 3, null);
                        }
                    }
                    return mine;
                }));
            }
            Future<Integer> reader = pool.submit(readWhileWriting(writing, start));
            start.countDown();
            List<List<Versioned<Item>>> written = new ArrayList<>();
            for (Future<List<Versioned<Item>>> w : writers) {
                written.add(w.get(60, TimeUnit.SECONDS));
            }
            writing.set(false);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();

            List<Versioned<Item>> found = store.read(T, uow -> uow.findBy(ITEM, "group", "hot"));
            List<Versioned<Item>> live = new ArrayList<>();
            int total = 0;
            for (List<Versioned<Item>> mine : written) {
                List<Versioned<Item>> mineLive = mine.stream().filter(v -> v != null).toList();
                String prefix = mineLive.get(0).value().id().substring(0, 3);
                assertThat(found.stream().filter(v -> v.value().id().startsWith(prefix)).toList())
                        .as("writer %s", prefix).containsExactlyElementsOf(mineLive);
                live.addAll(mineLive);
                total += mineLive.stream().mapToInt(v -> v.value().amount()).sum();
            }
            assertThat(found).hasSameSizeAs(live).containsExactlyInAnyOrderElementsOf(live);
            assertThat(sum("hot")).isEqualTo(total);
            long count = store.read(T, uow -> uow.count(ITEM));
            assertThat(count).isEqualTo(live.size());
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    /**
     * Reads the hot key until the writers stop, checking that each read shows one state: no row twice, and each
     * writer's rows in the order that writer inserted them.
     */
    private Callable<Integer> readWhileWriting(AtomicBoolean writing, CountDownLatch start) {
        return () -> {
            start.await();
            int reads = 0;
            while (writing.get() || reads == 0) {
                List<Item> seen = values("hot");
                Set<String> ids = new HashSet<>();
                int[] last = {-1, -1, -1, -1};
                int counted = 0;
                for (Item item : seen) {
                    counted++;
                    assertThat(ids.add(item.id())).as("row %s seen twice", item.id()).isTrue();
                    int writer = item.id().charAt(1) - '0';
                    int n = Integer.parseInt(item.id().substring(3));
                    assertThat(n).isGreaterThan(last[writer]);
                    last[writer] = n;
                }
                assertThat(counted).isEqualTo(seen.size());
                reads++;
            }
            return reads;
        };
    }
}
