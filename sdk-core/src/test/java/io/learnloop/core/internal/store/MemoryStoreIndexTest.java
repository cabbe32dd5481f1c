package io.learnloop.core.internal.store;

import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryStoreIndexTest {
    record Item(String id, String group, List<String> tags, String code) {
    }

    private static final AggregateType<Item> ITEM = AggregateType.builder("item", Item.class, Item::id)
            .index("group", Item::group)
            .multiIndex("tag", Item::tags)
            .unique("code", Item::code)
            .build();
    private static final TenantId T = TenantId.DEFAULT;

    private final Store store = new MemoryStore();

    private Versioned<Item> put(Item item) {
        return store.transact(T, uow -> uow.insert(ITEM, item));
    }

    private java.util.Optional<Versioned<Item>> unique(String code) {
        return store.read(T, uow -> uow.findUnique(ITEM, "code", code));
    }

    private List<String> ids(String index, String key) {
        return store.read(T, uow -> uow.findBy(ITEM, index, key)).stream().map(v -> v.value().id()).toList();
    }

    @Test
    void findBy_whenRowUpdatedWithSameKey_keepsInsertionOrder() {
        Versioned<Item> a = put(new Item("a", "g", List.of("x"), "ca"));
        put(new Item("b", "g", List.of("x"), "cb"));

        store.transact(T, uow -> uow.update(ITEM, new Item("a", "g", List.of("x", "y"), "ca"), a.version()));

        assertThat(ids("group", "g")).containsExactly("a", "b");
        assertThat(ids("tag", "x")).containsExactly("a", "b");
        assertThat(ids("tag", "y")).containsExactly("a");
        assertThat(store.read(T, uow -> uow.findBy(ITEM, "group", "g")).get(0))
                .isEqualTo(new Versioned<>(new Item("a", "g", List.of("x", "y"), "ca"), 2));
    }

    @Test
    void findBy_whenRowMovesToAnotherKey_isFoundOnlyUnderTheNewKey() {
        Versioned<Item> a = put(new Item("a", "g1", List.of("x"), "ca"));

        store.transact(T, uow -> uow.update(ITEM, new Item("a", "g2", List.of(), "ca2"), a.version()));

        assertThat(ids("group", "g1")).isEmpty();
        assertThat(ids("group", "g2")).containsExactly("a");
        assertThat(ids("tag", "x")).isEmpty();
        assertThat(unique("ca")).isEmpty();
        assertThat(unique("ca2")).isPresent();
    }

    @Test
    void findUnique_whenKeyKeptAcrossUpdate_stillFindsTheRow() {
        Versioned<Item> a = put(new Item("a", "g", List.of(), "ca"));

        store.transact(T, uow -> uow.update(ITEM, new Item("a", "h", List.of(), "ca"), a.version()));

        assertThat(unique("ca")).map(v -> v.value().group()).contains("h");
    }

    @Test
    void findBy_afterDelete_forgetsTheRow() {
        Versioned<Item> a = put(new Item("a", "g", List.of("x"), "ca"));

        store.transact(T, uow -> {
            uow.delete(ITEM, "a", a.version());
            return null;
        });

        assertThat(ids("group", "g")).isEmpty();
        assertThat(ids("tag", "x")).isEmpty();
        assertThat(unique("ca")).isEmpty();
    }

    @Test
    void findBy_insideAWritingUnitOfWork_seesItsOwnStagedRows() {
        put(new Item("a", "g", List.of(), "ca"));

        List<String> seen = store.transact(T, uow -> {
            uow.insert(ITEM, new Item("b", "g", List.of(), "cb"));
            return uow.findBy(ITEM, "group", "g").stream().map(v -> v.value().id()).toList();
        });

        assertThat(seen).containsExactly("a", "b");
    }

    record Event(String id, String stream, String at) {
    }

    private static final AggregateType<Event> EVENT = AggregateType.builder("event", Event.class, Event::id)
            .sortedIndex("stream", Event::stream, Event::at)
            .build();

    @Test
    void findBy_whenTheKeyAppearsAndGoesAgain_filesAndUnfilesTheRow() {
        Versioned<Item> a = put(new Item("a", null, List.of(), "ca"));
        put(new Item("b", "g", List.of(), "cb"));
        assertThat(ids("group", "g")).containsExactly("b");

        Versioned<Item> grouped = store.transact(T, uow -> uow.update(ITEM, new Item("a", "g", List.of("x"), "ca"),
                a.version()));
        assertThat(ids("group", "g")).containsExactly("a", "b"); // insertion order, kept while it had no key
        assertThat(ids("tag", "x")).containsExactly("a");

        store.transact(T, uow -> uow.update(ITEM, new Item("a", null, List.of(), "ca"), grouped.version()));
        assertThat(ids("group", "g")).containsExactly("b");
        assertThat(ids("tag", "x")).isEmpty();
    }

    @Test
    void findBy_whenKeysRepeatOrHoldNull_filesTheRowOnceUnderEachKey() {
        put(new Item("a", "g", java.util.Arrays.asList("x", null, "x", "y"), "ca"));

        assertThat(ITEM.indexKeys("tag", new Item("a", "g", java.util.Arrays.asList("x", null, "x", "y"), "ca")))
                .containsExactly("x", "y");
        assertThat(ids("tag", "x")).containsExactly("a");
        assertThat(ids("tag", "y")).containsExactly("a");
    }

    @Test
    void findRange_whenASortedKeyAppearsByUpdate_ordersTheRowByItsSortKey() {
        store.transact(T, uow -> uow.insert(EVENT, new Event("e1", "s", "2")));
        Versioned<Event> late = store.transact(T, uow -> uow.insert(EVENT, new Event("e2", null, "1")));

        store.transact(T, uow -> uow.update(EVENT, new Event("e2", "s", "1"), late.version()));

        List<String> inOrder = store.read(T, uow -> uow.findRange(EVENT, "stream", "s",
                new io.learnloop.core.store.IndexRange(null, null, 10, false))).stream().map(v -> v.value().id())
                .toList();
        assertThat(inOrder).containsExactly("e2", "e1");
    }

    @Test
    void findRange_whenAKeyGrowsFromOneRowToSeveralAndShrinks_keepsEveryRowInPositionOrder() {
        Versioned<Event> b = store.transact(T, uow -> uow.insert(EVENT, new Event("b", "s", "5")));
        assertThat(stream("s", false)).containsExactly("b");

        store.transact(T, uow -> uow.insert(EVENT, new Event("a", "s", "3")));
        store.transact(T, uow -> uow.insert(EVENT, new Event("c", "s", "7")));
        assertThat(stream("s", false)).containsExactly("a", "b", "c");
        assertThat(stream("s", true)).containsExactly("c", "b", "a");

        Versioned<Event> moved = store.transact(T, uow -> uow.update(EVENT, new Event("b", "s", "9"), b.version()));
        assertThat(stream("s", false)).containsExactly("a", "c", "b");
        store.transact(T, uow -> {
            uow.delete(EVENT, "a", 1);
            uow.delete(EVENT, "c", 1);
            return null;
        });
        assertThat(stream("s", false)).containsExactly("b");
        List<Versioned<Event>> found = store.read(T, uow -> uow.findBy(EVENT, "stream", "s"));
        assertThat(found).containsExactly(moved);

        store.transact(T, uow -> {
            uow.delete(EVENT, "b", moved.version());
            return null;
        });
        assertThat(stream("s", false)).isEmpty();
        store.transact(T, uow -> uow.insert(EVENT, new Event("d", "s", "1")));
        assertThat(stream("s", false)).containsExactly("d");
    }

    @Test
    void findBy_whenTheOnlyRowOfAKeyIsUpdatedInPlace_returnsItsNewVersion() {
        Versioned<Item> a = put(new Item("a", "solo", List.of(), "ca"));

        Versioned<Item> after = store.transact(T, uow -> uow.update(ITEM, new Item("a", "solo", List.of(), "cz"),
                a.version()));

        List<Versioned<Item>> found = store.read(T, uow -> uow.findBy(ITEM, "group", "solo"));
        assertThat(found).containsExactly(after);
    }

    private List<String> stream(String key, boolean descending) {
        return store.read(T, uow -> uow.findRange(EVENT, "stream", key,
                new io.learnloop.core.store.IndexRange(null, null, 10, descending))).stream()
                .map(v -> v.value().id()).toList();
    }
}
