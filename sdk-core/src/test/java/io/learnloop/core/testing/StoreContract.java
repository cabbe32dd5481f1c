package io.learnloop.core.testing;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link Store} keeps. A store implementation's test extends this class and returns its store from
 * {@link #store()}; every test works in tenants of its own, so one store may serve the whole class.
 *
 * <p>It covers every method of {@link Store} and {@link UnitOfWork}: reads, compare-and-set writes, unique keys,
 * rollback, the outbox with its leases, and tenant isolation.
 */
public abstract class StoreContract {
    /** Items: an owner index, a multi-valued tag index and a unique SKU. */
    protected static final AggregateType<StoreContractItem> ITEMS = AggregateType
            .builder("contract_item", StoreContractItem.class, StoreContractItem::id)
            .index("owner", StoreContractItem::owner)
            .multiIndex("tag", StoreContractItem::tags)
            .unique("sku", StoreContractItem::sku)
            .sortedIndex("byPrice", StoreContractItem::currency, i -> SortKeys.number(i.priceMinor()))
            .build();

    /** Notes: no secondary keys. */
    protected static final AggregateType<StoreContractNote> NOTES = AggregateType
            .builder("contract_note", StoreContractNote.class, StoreContractNote::id)
            .build();

    private static final AtomicLong TENANTS = new AtomicLong();
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");

    /** This test's tenant. */
    protected TenantId tenant;
    private Store store;

    /**
     * The store under test. Called before every test; may return the same store every time.
     *
     * @return the store
     */
    protected abstract Store store();

    @BeforeEach
    void setUpContract() {
        store = store();
        tenant = newTenant();
    }

    /**
     * A tenant no other test uses.
     *
     * @return the tenant
     */
    protected static TenantId newTenant() {
        return TenantId.of("contract-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + TENANTS.incrementAndGet());
    }

    private <R> R tx(Function<UnitOfWork, R> work) {
        return store.transact(tenant, work);
    }

    private <R> R read(Function<UnitOfWork, R> work) {
        return store.read(tenant, work);
    }

    private Optional<Versioned<StoreContractItem>> findItem(String id) {
        return findItem(tenant, id);
    }

    private Optional<Versioned<StoreContractItem>> findItem(TenantId t, String id) {
        return store.read(t, uow -> uow.find(ITEMS, id));
    }

    private Versioned<StoreContractItem> getItem(String id) {
        return read(uow -> uow.get(ITEMS, id));
    }

    private Optional<Versioned<StoreContractNote>> findNote(String id) {
        return read(uow -> uow.find(NOTES, id));
    }

    private List<Versioned<StoreContractItem>> by(String index, String key) {
        return by(tenant, index, key);
    }

    private List<Versioned<StoreContractItem>> by(TenantId t, String index, String key) {
        return store.read(t, uow -> uow.findBy(ITEMS, index, key));
    }

    private Optional<Versioned<StoreContractItem>> unique(String sku) {
        return unique(tenant, sku);
    }

    private Optional<Versioned<StoreContractItem>> unique(TenantId t, String sku) {
        return store.read(t, uow -> uow.findUnique(ITEMS, "sku", sku));
    }

    private List<Versioned<StoreContractItem>> page(int offset, int limit) {
        return page(tenant, offset, limit);
    }

    private List<Versioned<StoreContractItem>> page(TenantId t, int offset, int limit) {
        return store.read(t, uow -> uow.list(ITEMS, offset, limit));
    }

    private long countOf(AggregateType<?> type) {
        return countOf(tenant, type);
    }

    private long countOf(TenantId t, AggregateType<?> type) {
        return store.read(t, uow -> uow.count(type));
    }

    private static StoreContractItem item(String id, String owner, String sku, String... tags) {
        return new StoreContractItem(id, owner, List.of(tags), sku, 1999, "EUR", T0);
    }

    private DomainEvent event(String id) {
        return new DomainEvent(id, tenant, "contract.happened", "agg-" + id, T0, Map.of("n", id));
    }

    private static void assertConflict(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(code));
    }

    // ---- insert, find, get ----

    @Test
    void insert_whenNew_storesVersionOneAndRoundTripsEveryField() {
        StoreContractItem it = new StoreContractItem("i1", "ann", List.of("java", "sql"), "SKU-1", Long.MAX_VALUE,
                "JPY", T0);
        Versioned<StoreContractItem> stored = tx(uow -> uow.insert(ITEMS, it));

        assertThat(stored).isEqualTo(new Versioned<>(it, 1));
        assertThat(findItem("i1")).contains(new Versioned<>(it, 1));
        assertThat(read(uow -> uow.get(ITEMS, "i1")).value().priceMinor()).isEqualTo(Long.MAX_VALUE);
        assertThat(read(uow -> uow.get(ITEMS, "i1")).value().createdAt()).isEqualTo(T0);
    }

    @Test
    void find_whenAbsent_returnsEmpty() {
        assertThat(findItem("nope")).isEmpty();
    }

    @Test
    void get_whenAbsent_throwsNotFound() {
        assertThatThrownBy(() -> read(uow -> uow.get(ITEMS, "nope")))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((LearnloopException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void insert_whenIdTaken_throwsDuplicateKeyAndKeepsTheFirst() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "SKU-1")));

        assertConflict(() -> tx(uow -> uow.insert(ITEMS, item("i1", "bob", "SKU-2"))), ErrorCode.DUPLICATE_KEY);

        assertThat(read(uow -> uow.get(ITEMS, "i1")).value().owner()).isEqualTo("ann");
        assertThat(unique("SKU-2")).isEmpty();
        assertThat(by("owner", "bob")).isEmpty();
    }

    @Test
    void insert_whenIdTakenInSameUnitOfWork_throwsDuplicateKey() {
        assertConflict(() -> tx(uow -> {
            uow.insert(ITEMS, item("i1", "ann", null));
            return uow.insert(ITEMS, item("i1", "ann", null));
        }), ErrorCode.DUPLICATE_KEY);
        assertThat(countOf(ITEMS)).isZero();
    }

    @Test
    void insert_whenUniqueKeyTaken_throwsDuplicateKey() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "SKU-1")));

        assertConflict(() -> tx(uow -> uow.insert(ITEMS, item("i2", "bob", "SKU-1"))), ErrorCode.DUPLICATE_KEY);

        assertThat(findItem("i2")).isEmpty();
        assertThat(unique("SKU-1").orElseThrow().value().id()).isEqualTo("i1");
    }

    @Test
    void insert_whenUniqueConflictCaughtInsideWork_leavesNothingOfTheFailedInsert() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "SKU-1")));

        String outcome = tx(uow -> {
            try {
                uow.insert(ITEMS, item("i2", "bob", "SKU-1", "t"));
                return "inserted";
            } catch (ConflictException e) {
                uow.insert(NOTES, new StoreContractNote("n1", "recovered"));
                return "recovered";
            }
        });

        assertThat(outcome).isEqualTo("recovered");
        assertThat(findItem("i2")).isEmpty();
        assertThat(by("owner", "bob")).isEmpty();
        assertThat(by("tag", "t")).isEmpty();
        assertThat(countOf(ITEMS)).isEqualTo(1);
        assertThat(read(uow -> uow.get(NOTES, "n1")).value().text()).isEqualTo("recovered");
    }

    @Test
    void insert_whenIdTakenCaughtInsideWork_leavesNothingOfTheFailedInsertAndKeepsTheFirst() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "SKU-1", "a")));

        String outcome = tx(uow -> {
            try {
                uow.insert(ITEMS, item("i1", "bob", "SKU-2", "b"));
                return "inserted";
            } catch (ConflictException e) {
                uow.insert(NOTES, new StoreContractNote("n1", "recovered"));
                return "recovered";
            }
        });

        assertThat(outcome).isEqualTo("recovered");
        assertThat(getItem("i1")).isEqualTo(new Versioned<>(item("i1", "ann", "SKU-1", "a"), 1));
        assertThat(unique("SKU-2")).isEmpty();
        assertThat(unique("SKU-1")).isPresent();
        assertThat(by("owner", "bob")).isEmpty();
        assertThat(by("tag", "b")).isEmpty();
        assertThat(by("tag", "a")).hasSize(1);
        assertThat(findNote("n1")).isPresent();
    }

    @Test
    void insert_whenSameIdInAnotherType_keepsTypesApart() {
        tx(uow -> {
            uow.insert(ITEMS, item("x", "ann", null));
            return uow.insert(NOTES, new StoreContractNote("x", "note"));
        });

        assertThat(read(uow -> uow.get(NOTES, "x")).value().text()).isEqualTo("note");
        assertThat(read(uow -> uow.get(ITEMS, "x")).value().owner()).isEqualTo("ann");
        assertThat(countOf(NOTES)).isEqualTo(1);
    }

    @Test
    void insert_whenIdCannotBeStored_throwsValidationAndStoresNothing() {
        for (String id : List.of("", "a\u0001b", "line\nbreak", "x".repeat(AggregateType.MAX_ID_LENGTH + 1))) {
            assertThatThrownBy(() -> tx(uow -> uow.insert(ITEMS, item(id, "ann", null))))
                    .as("id %s", id.length() > 20 ? id.length() + " characters" : id)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining(ITEMS.name() + ".id");
        }
        String longest = "y".repeat(AggregateType.MAX_ID_LENGTH);
        tx(uow -> uow.insert(ITEMS, item(longest, "ann", null)));

        assertThat(countOf(ITEMS)).isEqualTo(1);
        List<Versioned<StoreContractItem>> owned = read(uow -> uow.findBy(ITEMS, "owner", "ann"));
        assertThat(owned).extracting(v -> v.value().id()).containsExactly(longest);
    }

    // ---- update ----

    @Test
    void update_whenVersionMatches_storesNextVersion() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "SKU-1")));

        Versioned<StoreContractItem> v2 = tx(uow -> uow.update(ITEMS, uow.get(ITEMS, "i1").value().withPrice(500), 1));
        Versioned<StoreContractItem> v3 = tx(uow -> uow.update(ITEMS, v2.value().withPrice(700), 2));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(getItem("i1")).isEqualTo(new Versioned<>(item("i1", "ann", "SKU-1").withPrice(700), 3));
    }

    @Test
    void update_whenVersionStale_throwsVersionConflictAndKeepsState() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "SKU-1")));
        tx(uow -> uow.update(ITEMS, item("i1", "ann", "SKU-1").withPrice(1), 1));

        assertConflict(() -> tx(uow -> uow.update(ITEMS, item("i1", "ann", "SKU-1").withPrice(2), 1)),
                ErrorCode.VERSION_CONFLICT);

        assertThat(getItem("i1")).isEqualTo(new Versioned<>(item("i1", "ann", "SKU-1").withPrice(1), 2));
    }

    @Test
    void update_whenAbsent_throwsNotFound() {
        assertThatThrownBy(() -> tx(uow -> uow.update(ITEMS, item("ghost", "ann", null), 1)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void update_whenUniqueKeyChanges_releasesTheOldKey() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "OLD")));

        tx(uow -> uow.update(ITEMS, item("i1", "ann", "NEW"), 1));

        assertThat(unique("OLD")).isEmpty();
        assertThat(unique("NEW").orElseThrow().version()).isEqualTo(2);
        tx(uow -> uow.insert(ITEMS, item("i2", "bob", "OLD")));
        assertThat(unique("OLD").orElseThrow().value().id()).isEqualTo("i2");
    }

    @Test
    void update_whenNewUniqueKeyTaken_throwsDuplicateKeyAndKeepsState() {
        tx(uow -> {
            uow.insert(ITEMS, item("i1", "ann", "A"));
            return uow.insert(ITEMS, item("i2", "bob", "B"));
        });

        assertConflict(() -> tx(uow -> uow.update(ITEMS, item("i2", "bob", "A"), 1)), ErrorCode.DUPLICATE_KEY);

        assertThat(getItem("i2")).isEqualTo(new Versioned<>(item("i2", "bob", "B"), 1));
        assertThat(unique("B").orElseThrow().value().id()).isEqualTo("i2");
    }

    @Test
    void update_whenUniqueConflictCaughtInsideWork_leavesTheAggregateUnchanged() {
        tx(uow -> {
            uow.insert(ITEMS, item("i1", "ann", "A"));
            return uow.insert(ITEMS, item("i2", "bob", "B"));
        });

        tx(uow -> {
            try {
                uow.update(ITEMS, item("i2", "carol", "A"), 1);
            } catch (ConflictException expected) {
                // the work goes on; the failed update must have left nothing behind
            }
            return uow.insert(NOTES, new StoreContractNote("n", "after"));
        });

        assertThat(getItem("i2")).isEqualTo(new Versioned<>(item("i2", "bob", "B"), 1));
        assertThat(by("owner", "carol")).isEmpty();
        assertThat(unique("B")).isPresent();
        assertThat(findNote("n")).isPresent();
    }

    @Test
    void update_whenUniqueKeyUnchanged_keepsIt() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "A")));

        tx(uow -> uow.update(ITEMS, item("i1", "ann", "A").withPrice(5), 1));

        assertThat(unique("A").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void update_whenIndexKeysChange_movesTheIndexEntries() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", null, "a", "b")));

        tx(uow -> uow.update(ITEMS, new StoreContractItem("i1", "bob", List.of("b", "c"), null, 1999, "EUR", T0), 1));

        assertThat(by("owner", "ann")).isEmpty();
        assertThat(by("owner", "bob")).hasSize(1);
        assertThat(by("tag", "a")).isEmpty();
        assertThat(by("tag", "b")).extracting(Versioned::version).containsExactly(2L);
        assertThat(by("tag", "c")).hasSize(1);
    }

    // ---- delete ----

    @Test
    void delete_whenVersionMatches_removesTheAggregateAndItsKeys() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "SKU-1", "t")));

        tx(uow -> {
            uow.delete(ITEMS, "i1", 1);
            return null;
        });

        assertThat(findItem("i1")).isEmpty();
        assertThat(by("owner", "ann")).isEmpty();
        assertThat(by("tag", "t")).isEmpty();
        assertThat(unique("SKU-1")).isEmpty();
        assertThat(countOf(ITEMS)).isZero();
        tx(uow -> uow.insert(ITEMS, item("i2", "bob", "SKU-1")));
        assertThat(unique("SKU-1").orElseThrow().value().id()).isEqualTo("i2");
    }

    @Test
    void delete_whenVersionStale_throwsVersionConflict() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", null)));
        tx(uow -> uow.update(ITEMS, item("i1", "bob", null), 1));

        assertConflict(() -> tx(uow -> {
            uow.delete(ITEMS, "i1", 1);
            return null;
        }), ErrorCode.VERSION_CONFLICT);
        assertThat(findItem("i1")).isPresent();
    }

    @Test
    void delete_whenAbsent_throwsNotFound() {
        assertThatThrownBy(() -> tx(uow -> {
            uow.delete(ITEMS, "ghost", 1);
            return null;
        })).isInstanceOf(NotFoundException.class);
    }

    // ---- findBy, findUnique, list, count ----

    @Test
    void findBy_whenSeveralMatch_returnsThemInInsertionOrder() {
        tx(uow -> {
            uow.insert(ITEMS, item("c", "ann", null, "x"));
            uow.insert(ITEMS, item("a", "bob", null, "x", "y"));
            return uow.insert(ITEMS, item("b", "ann", null, "y"));
        });
        tx(uow -> uow.insert(ITEMS, item("0", "ann", null, "x")));

        assertThat(by("owner", "ann")).extracting(v -> v.value().id())
                .containsExactly("c", "b", "0");
        assertThat(by("tag", "x")).extracting(v -> v.value().id())
                .containsExactly("c", "a", "0");
        assertThat(by("tag", "z")).isEmpty();
    }

    // ---- findRange ----

    private static StoreContractItem priced(String id, long price) {
        return new StoreContractItem(id, "ann", List.of(), null, price, "EUR", T0);
    }

    private List<String> range(IndexRange range) {
        return read(uow -> uow.findRange(ITEMS, "byPrice", "EUR", range)).stream().map(v -> v.value().id()).toList();
    }

    private static String position(StoreContractItem item) {
        return ITEMS.position("byPrice", item);
    }

    @Test
    void findRange_whenPagedByCursor_walksEveryItemOnceInSortKeyThenIdOrder() {
        tx(uow -> {
            for (String id : List.of("e", "d", "c", "b", "a", "f")) {
                uow.insert(ITEMS, priced(id, id.equals("f") ? 5 : 10 + ("edcba".indexOf(id) % 2)));
            }
            return null;
        });
        List<String> walked = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 10; pages++) {
            String after = cursor;
            List<Versioned<StoreContractItem>> page = read(uow -> uow.findRange(ITEMS, "byPrice", "EUR", IndexRange.first(2).continuing(after)));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(v -> walked.add(v.value().id()));
            cursor = position(page.get(page.size() - 1).value());
        }

        // price 5 first; price 10 holds e, c, a; price 11 holds d, b; ties in id order
        assertThat(walked).containsExactly("f", "a", "c", "e", "b", "d");
        assertThat(range(IndexRange.last(4))).containsExactly("d", "b", "e", "c");
        assertThat(range(IndexRange.last(2).continuing(position(priced("b", 11))))).containsExactly("e", "c");
    }

    @Test
    void findRange_whenBoundedByBareSortKeys_returnsOnlyTheRange() {
        tx(uow -> {
            for (int p = 1; p <= 9; p++) {
                uow.insert(ITEMS, priced("p" + p, p));
            }
            return null;
        });

        assertThat(range(new IndexRange(SortKeys.number(3), SortKeys.number(6), 100, false)))
                .containsExactly("p3", "p4", "p5");
        assertThat(range(new IndexRange(SortKeys.number(3), SortKeys.after(SortKeys.number(6)), 100, true)))
                .containsExactly("p6", "p5", "p4", "p3");
        assertThat(range(new IndexRange(SortKeys.number(10), null, 100, false))).isEmpty();
        List<Versioned<StoreContractItem>> usd = read(uow -> uow.findRange(ITEMS, "byPrice", "USD", IndexRange.first(5)));
        assertThat(usd).isEmpty();
    }

    @Test
    void findRange_whenSortKeyOrIndexKeyChanges_movesTheEntry() {
        tx(uow -> {
            uow.insert(ITEMS, priced("a", 1));
            uow.insert(ITEMS, priced("b", 2));
            return uow.insert(ITEMS, priced("c", 3));
        });
        tx(uow -> uow.update(ITEMS, getItem("a").value().withPrice(9), 1));
        tx(uow -> uow.update(ITEMS, new StoreContractItem("c", "ann", List.of(), null, 3, "USD", T0), 1));

        assertThat(range(IndexRange.first(10))).containsExactly("b", "a");
        List<Versioned<StoreContractItem>> usd = read(uow -> uow.findRange(ITEMS, "byPrice", "USD", IndexRange.first(5)));
        assertThat(usd).extracting(v -> v.value().id()).containsExactly("c");
        assertThat(by("byPrice", "EUR")).extracting(v -> v.value().id()).containsExactly("b", "a");
    }

    @Test
    void findRange_whenOwnWritesStaged_seesThemInPlaceAndStillFillsThePage() {
        tx(uow -> {
            for (int p = 1; p <= 6; p++) {
                uow.insert(ITEMS, priced("p" + p, p * 10));
            }
            return null;
        });

        List<String> seen = tx(uow -> {
            uow.insert(ITEMS, priced("new", 25));
            uow.delete(ITEMS, "p1", 1);
            uow.update(ITEMS, uow.get(ITEMS, "p2").value().withPrice(100), 1);
            return uow.findRange(ITEMS, "byPrice", "EUR", IndexRange.first(4)).stream().map(v -> v.value().id())
                    .toList();
        });

        assertThat(seen).containsExactly("new", "p3", "p4", "p5");
        assertThat(range(IndexRange.last(2))).containsExactly("p2", "p6");
    }

    @Test
    void findRange_whenIndexNotSorted_throwsValidation() {
        assertThatThrownBy(() -> read(uow -> uow.findRange(ITEMS, "owner", "ann", IndexRange.first(1))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("owner");
        assertThatThrownBy(() -> IndexRange.first(0)).isInstanceOf(ValidationException.class);
    }

    @Test
    void findBy_whenIndexUndeclared_throwsValidation() {
        assertThatThrownBy(() -> by("colour", "red"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("colour");
    }

    @Test
    void findUnique_whenUndeclaredOrAbsent_throwsOrReturnsEmpty() {
        assertThatThrownBy(() -> read(uow -> uow.findUnique(ITEMS, "barcode", "1")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("barcode");
        assertThat(unique("none")).isEmpty();
    }

    @Test
    void list_whenPaged_returnsInsertionOrderPages() {
        tx(uow -> {
            for (String id : List.of("e", "d", "c", "b", "a")) {
                uow.insert(ITEMS, item(id, "ann", null));
            }
            return null;
        });
        tx(uow -> uow.update(ITEMS, item("d", "zed", null), 1));

        assertThat(page(0, 2)).extracting(v -> v.value().id()).containsExactly("e", "d");
        assertThat(page(2, 2)).extracting(v -> v.value().id()).containsExactly("c", "b");
        assertThat(page(4, 2)).extracting(v -> v.value().id()).containsExactly("a");
        assertThat(page(5, 2)).isEmpty();
        assertThat(page(0, 0)).isEmpty();
        assertThat(page(1, 1).get(0)).isEqualTo(new Versioned<>(item("d", "zed", null), 2));
    }

    @Test
    void list_whenOffsetOrLimitNegative_throwsValidation() {
        assertThatThrownBy(() -> page(-1, 5)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> page(0, -5)).isInstanceOf(ValidationException.class);
    }

    @Test
    void count_whenInsertedAndDeleted_countsTheLiving() {
        assertThat(countOf(ITEMS)).isZero();
        tx(uow -> {
            uow.insert(ITEMS, item("a", "ann", null));
            uow.insert(ITEMS, item("b", "ann", null));
            return uow.insert(ITEMS, item("c", "ann", null));
        });
        tx(uow -> {
            uow.delete(ITEMS, "b", 1);
            return null;
        });

        assertThat(countOf(ITEMS)).isEqualTo(2);
        assertThat(countOf(NOTES)).isZero();
    }

    @Test
    void unitOfWork_whenReadingOwnWrites_seesThemBeforeCommit() {
        tx(uow -> uow.insert(ITEMS, item("old", "ann", "S0", "t")));

        List<Object> seen = tx(uow -> {
            uow.insert(ITEMS, item("new", "ann", "S1", "t"));
            uow.update(ITEMS, item("old", "bob", "S0", "t"), 1);
            List<Object> out = new ArrayList<>();
            out.add(uow.find(ITEMS, "new").map(Versioned::version).orElse(-1L));
            out.add(uow.findBy(ITEMS, "owner", "ann").stream().map(v -> v.value().id()).toList());
            out.add(uow.findBy(ITEMS, "tag", "t").stream().map(v -> v.value().id()).toList());
            out.add(uow.findUnique(ITEMS, "sku", "S1").map(v -> v.value().id()).orElse("none"));
            out.add(uow.list(ITEMS, 0, 10).stream().map(v -> v.value().id() + "@" + v.version()).toList());
            out.add(uow.count(ITEMS));
            uow.delete(ITEMS, "new", 1);
            out.add(uow.find(ITEMS, "new").isPresent());
            out.add(uow.count(ITEMS));
            out.add(uow.findUnique(ITEMS, "sku", "S1").isPresent());
            return out;
        });

        assertThat(seen).containsExactly(1L, List.of("new"), List.of("old", "new"), "new",
                List.of("old@2", "new@1"), 2L, false, 1L, false);
    }

    @Test
    void read_whenWorkWrites_refusesTheWrite() {
        assertThatThrownBy(() -> read(uow -> uow.insert(ITEMS, item("i1", "ann", null))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(countOf(ITEMS)).isZero();
    }

    // ---- rollback ----

    @Test
    void transact_whenWorkThrows_keepsNoRowsNoKeysAndNoEvents() {
        tx(uow -> uow.insert(ITEMS, item("kept", "ann", "K", "t")));
        RuntimeException boom = new IllegalArgumentException("boom");

        assertThatThrownBy(() -> tx(uow -> {
            uow.insert(ITEMS, item("i1", "ann", "SKU-1", "t"));
            uow.update(ITEMS, item("kept", "zed", "K2"), 1);
            uow.insert(NOTES, new StoreContractNote("n1", "x"));
            uow.publish(event("e1"));
            throw boom;
        })).isSameAs(boom);

        assertThat(findItem("i1")).isEmpty();
        assertThat(findNote("n1")).isEmpty();
        assertThat(getItem("kept")).isEqualTo(new Versioned<>(item("kept", "ann", "K", "t"), 1));
        assertThat(unique("SKU-1")).isEmpty();
        assertThat(unique("K2")).isEmpty();
        assertThat(by("owner", "zed")).isEmpty();
        assertThat(by("tag", "t")).extracting(v -> v.value().id()).containsExactly("kept");
        assertThat(countOf(ITEMS)).isEqualTo(1);
        assertThat(store.claimOutbox(tenant, "relay", 10, T0, Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void transact_whenConflictEscapesWork_keepsNothingOfTheWork() {
        tx(uow -> uow.insert(ITEMS, item("i1", "ann", "SKU-1")));

        assertConflict(() -> tx(uow -> {
            uow.insert(NOTES, new StoreContractNote("n1", "x"));
            uow.publish(event("e1"));
            return uow.insert(ITEMS, item("i2", "bob", "SKU-1"));
        }), ErrorCode.DUPLICATE_KEY);

        assertThat(findNote("n1")).isEmpty();
        assertThat(store.claimOutbox(tenant, "relay", 10, T0, Duration.ofSeconds(30))).isEmpty();
    }

    // ---- outbox ----

    @Test
    void claimOutbox_whenEventsCommitted_handsThemOutOldestFirstUpToTheLimit() {
        tx(uow -> {
            uow.publish(event("e1"));
            uow.publish(event("e2"));
            return null;
        });
        tx(uow -> {
            uow.publish(event("e3"));
            return null;
        });

        List<DomainEvent> first = store.claimOutbox(tenant, "r1", 2, T0, Duration.ofSeconds(30));

        assertThat(first).extracting(DomainEvent::id).containsExactly("e1", "e2");
        assertThat(first.get(0)).isEqualTo(event("e1"));
        assertThat(store.claimOutbox(tenant, "r2", 10, T0, Duration.ofSeconds(30))).extracting(DomainEvent::id)
                .containsExactly("e3");
    }

    @Test
    void claimOutbox_whenLeaseHeld_hidesEventsFromOtherRelaysUntilItEnds() {
        tx(uow -> {
            uow.publish(event("e1"));
            return null;
        });

        assertThat(store.claimOutbox(tenant, "r1", 10, T0, Duration.ofSeconds(30))).hasSize(1);

        assertThat(store.claimOutbox(tenant, "r2", 10, T0.plusSeconds(29), Duration.ofSeconds(30))).isEmpty();
        assertThat(store.claimOutbox(tenant, "r1", 10, T0.plusSeconds(29), Duration.ofSeconds(30)))
                .extracting(DomainEvent::id).containsExactly("e1");
        assertThat(store.claimOutbox(tenant, "r2", 10, T0.plusSeconds(60), Duration.ofSeconds(30)))
                .extracting(DomainEvent::id).containsExactly("e1");
        assertThat(store.claimOutbox(tenant, "r1", 10, T0.plusSeconds(61), Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void markDelivered_whenCalled_noRelayGetsTheEventAgain() {
        tx(uow -> {
            uow.publish(event("e1"));
            uow.publish(event("e2"));
            return null;
        });
        store.claimOutbox(tenant, "r1", 10, T0, Duration.ofSeconds(30));

        store.markDelivered(tenant, List.of("e1"), T0);

        assertThat(store.claimOutbox(tenant, "r2", 10, T0.plusSeconds(3600), Duration.ofSeconds(30)))
                .extracting(DomainEvent::id).containsExactly("e2");
        store.markDelivered(tenant, List.of("e2"), T0);
        store.markDelivered(tenant, List.of(), T0);
        assertThat(store.claimOutbox(tenant, "r3", 10, T0.plusSeconds(7200), Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void publish_whenSameEventIdTwice_keepsOneEvent() {
        tx(uow -> {
            uow.publish(event("e1"));
            uow.publish(event("e1"));
            return null;
        });

        assertThat(store.claimOutbox(tenant, "r1", 10, T0, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void publish_whenEventOfAnotherTenant_throwsValidation() {
        DomainEvent foreign = new DomainEvent("e1", newTenant(), "contract.happened", "a", T0, Map.of());

        assertThatThrownBy(() -> tx(uow -> {
            uow.publish(foreign);
            return null;
        })).isInstanceOf(ValidationException.class);
    }

    // ---- tenants ----

    @Test
    void tenants_whenTwoShareAStore_seeNothingOfEachOther() {
        TenantId other = newTenant();
        tx(uow -> {
            uow.insert(ITEMS, item("i1", "ann", "SKU-1", "t"));
            uow.publish(event("e1"));
            return null;
        });

        assertThat(findItem(other, "i1")).isEmpty();
        assertThat(by(other, "owner", "ann")).isEmpty();
        assertThat(by(other, "tag", "t")).isEmpty();
        assertThat(unique(other, "SKU-1")).isEmpty();
        assertThat(page(other, 0, 10)).isEmpty();
        assertThat(countOf(other, ITEMS)).isZero();
        assertThat(store.claimOutbox(other, "r1", 10, T0, Duration.ofSeconds(30))).isEmpty();

        store.transact(other, uow -> uow.insert(ITEMS, item("i1", "zed", "SKU-1")));
        assertThat(store.read(other, uow -> uow.get(ITEMS, "i1")).value().owner()).isEqualTo("zed");
        assertThat(read(uow -> uow.get(ITEMS, "i1")).value().owner()).isEqualTo("ann");
        store.markDelivered(other, List.of("e1"), T0);
        assertThat(store.claimOutbox(tenant, "r1", 10, T0, Duration.ofSeconds(30))).extracting(DomainEvent::id)
                .containsExactly("e1");
        TenantId seen = read(UnitOfWork::tenant);
        assertThat(seen).isEqualTo(tenant);
    }

    // ---- concurrency ----

    @Test
    void update_whenThreadsRaceOnOneVersion_exactlyOneWins() throws Exception {
        tx(uow -> uow.insert(ITEMS, item("hot", "ann", null)));
        int threads = 4;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                long version = round + 1;
                long price = round;
                AtomicInteger wins = new AtomicInteger();
                AtomicInteger conflicts = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit((Callable<Void>) () -> {
                        start.await();
                        try {
                            tx(uow -> uow.update(ITEMS, item("hot", "ann", null).withPrice(price), version));
                            wins.incrementAndGet();
                        } catch (ConflictException e) {
                            conflicts.incrementAndGet();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertThat(wins.get()).as("round %d", round).isEqualTo(1);
                assertThat(conflicts.get()).isEqualTo(threads - 1);
            }
        } finally {
            pool.shutdownNow();
        }
        Optional<Versioned<StoreContractItem>> last = findItem("hot");
        assertThat(last.orElseThrow().version()).isEqualTo(rounds + 1L);
    }

    @Test
    void insert_whenThreadsRaceOnOneUniqueKey_exactlyOneWins() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 25; round++) {
                String sku = "race-" + round;
                AtomicInteger wins = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String id = sku + "-by-" + t;
                    futures.add(pool.submit((Callable<Void>) () -> {
                        start.await();
                        try {
                            tx(uow -> uow.insert(ITEMS, item(id, "ann", sku)));
                            wins.incrementAndGet();
                        } catch (ConflictException e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertThat(wins.get()).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(countOf(ITEMS)).isEqualTo(25);
    }
    // ---- counters ----

    private static io.learnloop.core.store.CounterKey counter(String group, String member) {
        return new io.learnloop.core.store.CounterKey("contract.count", group, member);
    }

    private List<io.learnloop.core.store.Counter> counters(String group, String after, int limit) {
        return read(uow -> uow.counters("contract.count", group, after, limit));
    }

    @Test
    void add_whenCommitted_sumsPerMemberAndReadsInMemberOrder() {
        tx(uow -> {
            uow.add(counter("g", "b"), 5);
            uow.add(counter("g", "a"), -2);
            uow.add(counter("g", "b"), 7);
            uow.add(counter("other", "a"), 100);
            // this work's own additions are visible to its reads, before commit
            assertThat(uow.counters("contract.count", "g", null, 10))
                    .containsExactly(new io.learnloop.core.store.Counter("a", -2), new io.learnloop.core.store.Counter("b", 12));
            return null;
        });
        tx(uow -> {
            uow.add(counter("g", "b"), 1);
            uow.add(counter("g", "c"), 0);
            return null;
        });
        assertThat(counters("g", null, 10)).extracting(io.learnloop.core.store.Counter::member,
                io.learnloop.core.store.Counter::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", -2L), org.assertj.core.groups.Tuple.tuple("b", 13L),
                org.assertj.core.groups.Tuple.tuple("c", 0L));
        assertThat(counters("other", null, 10)).singleElement()
                .isEqualTo(new io.learnloop.core.store.Counter("a", 100));
        List<io.learnloop.core.store.Counter> elsewhere =
                store.read(newTenant(), uow -> uow.counters("contract.count", "g", null, 10));
        assertThat(elsewhere).isEmpty();
    }

    @Test
    void counters_whenReadAfterAPrefixWithALimit_returnsThatRangeMergedWithPendingAdditions() {
        tx(uow -> {
            for (String day : List.of("2026-01-01", "2026-01-02", "2026-01-03")) {
                for (String stripe : List.of("00", "01")) {
                    uow.add(counter("acct", day + "|" + stripe), 10);
                }
            }
            return null;
        });
        assertThat(counters("acct", "2026-01-02", 100)).extracting(io.learnloop.core.store.Counter::member)
                .containsExactly("2026-01-02|00", "2026-01-02|01", "2026-01-03|00", "2026-01-03|01");
        assertThat(counters("acct", "2026-01-02|00", 2)).extracting(io.learnloop.core.store.Counter::member)
                .containsExactly("2026-01-02|01", "2026-01-03|00");
        tx(uow -> {
            uow.add(counter("acct", "2026-01-02|05"), 1);
            uow.add(counter("acct", "2026-01-01|05"), 1);
            assertThat(uow.counters("contract.count", "acct", "2026-01-02", 3))
                    .extracting(io.learnloop.core.store.Counter::member)
                    .containsExactly("2026-01-02|00", "2026-01-02|01", "2026-01-02|05");
            return null;
        });
    }

    @Test
    void add_whenTheWorkFails_leavesNoAddition() {
        tx(uow -> {
            uow.add(counter("g", "a"), 3);
            return null;
        });
        assertThatThrownBy(() -> tx(uow -> {
            uow.add(counter("g", "a"), 1000);
            uow.add(counter("g", "z"), 1000);
            throw new IllegalStateException("work failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(counters("g", null, 10)).containsExactly(new io.learnloop.core.store.Counter("a", 3));
    }

    @Test
    void add_whenNamesAreTooLong_throwsValidation() {
        assertThatThrownBy(() -> tx(uow -> {
            uow.add(counter("g", "m".repeat(io.learnloop.core.store.CounterKey.MAX_MEMBER + 1)), 1);
            return null;
        })).isInstanceOf(ValidationException.class).hasMessageContaining("counter.member");
        assertThatThrownBy(() -> counters("g", null, 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void add_whenManyWritersAddToOneCounter_neverConflictsAndLosesNothing() throws Exception {
        int threads = 8;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                done.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        // no retry: an addition must never fail with a conflict
                        tx(uow -> {
                            uow.add(counter("hot", "total"), 1);
                            uow.add(counter("hot", "writer-" + writer), 2);
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<io.learnloop.core.store.Counter> all = counters("hot", null, 100);
        assertThat(all).hasSize(threads + 1);
        assertThat(all).filteredOn(c -> c.member().equals("total")).singleElement()
                .satisfies(c -> assertThat(c.value()).isEqualTo((long) threads * rounds));
        assertThat(all).filteredOn(c -> c.member().startsWith("writer-"))
                .allSatisfy(c -> assertThat(c.value()).isEqualTo(2L * rounds));
    }
}
