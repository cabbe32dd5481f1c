package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the dialects' SQL and column types differ (MySQL's byte-wise VARBINARY keys, its InnoDB key-length budget,
 * its REPEATABLE READ default, its deadlocks that roll back the whole transaction), every dialect still keeps the
 * same promises.
 */
class DialectParityTest {
    /** A value of the widest characters a Java char can stand for: three bytes each in UTF-8. */
    private static String wide(String c, int length) {
        return c.repeat(length);
    }

    record Item(String id, String key, String unique, String sort) {
    }

    record Account(String id, long balance) {
    }

    private static final String INDEX = wide("€", 63) + "i";
    private static final String UNIQUE = wide("€", 63) + "u";
    /** A type whose name and key names are at the 64-character limit, in three-byte characters. */
    private static final AggregateType<Item> WIDE = AggregateType
            .builder(wide("ö", 64), Item.class, Item::id)
            .index(INDEX, Item::key)
            .unique(UNIQUE, Item::unique)
            .build();
    private static final AggregateType<Item> SORTED = AggregateType
            .builder("parity_sorted", Item.class, Item::id)
            .index("key", Item::key)
            .unique("unique", Item::unique)
            .sortedIndex("sorted", Item::key, Item::sort)
            .build();
    /** No unique keys: its updates run without a savepoint. */
    private static final AggregateType<Account> ACCOUNTS = AggregateType
            .builder("parity_account", Account.class, Account::id)
            .build();

    private final List<AutoCloseable> open = new ArrayList<>();

    private JdbcStore open(Dialect dialect) {
        HikariDataSource pool = TestDatabases.newDatabase(dialect, 4);
        open.add(pool);
        JdbcStores.migrate(pool, dialect);
        JdbcStore store = JdbcStores.open(pool, dialect);
        open.add(0, store);
        return store;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void insert_whenEveryKeyIsAtItsLimitInThreeByteCharacters_roundTripsThroughEveryRead(Dialect dialect) {
        JdbcStore store = open(dialect);
        TenantId tenant = TenantId.of(wide("€", 128));
        String id = wide("€", 254) + "1";
        Item item = new Item(id, wide("€", 511) + "k", wide("€", 511) + "u", null);

        store.transact(tenant, uow -> uow.insert(WIDE, item));

        assertThat(values(store.read(tenant, uow -> List.of(uow.get(WIDE, id))))).containsExactly(item);
        assertThat(values(store.read(tenant, uow -> uow.findBy(WIDE, INDEX, item.key())))).containsExactly(item);
        assertThat(values(store.read(tenant, uow -> uow.findUnique(WIDE, UNIQUE, item.unique()).stream().toList())))
                .containsExactly(item);
        assertThat(values(store.read(tenant, uow -> uow.list(WIDE, 0, 10)))).containsExactly(item);

        Item moved = new Item(id, wide("€", 511) + "K", wide("€", 511) + "U", null);
        store.transact(tenant, uow -> uow.update(WIDE, moved, 1));

        assertThat(values(store.read(tenant, uow -> uow.findBy(WIDE, INDEX, item.key())))).isEmpty();
        assertThat(values(store.read(tenant, uow -> uow.findUnique(WIDE, UNIQUE, item.unique()).stream().toList())))
                .isEmpty();
        assertThat(values(store.read(tenant, uow -> uow.findBy(WIDE, INDEX, moved.key())))).containsExactly(moved);
        store.transact(tenant, uow -> {
            uow.delete(WIDE, id, 2);
            return null;
        });
        long left = store.read(tenant, uow -> uow.count(WIDE));
        assertThat(left).isZero();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void insert_whenKeysDifferOnlyInCaseOrTrailingSpaces_keepsThemApart(Dialect dialect) {
        JdbcStore store = open(dialect);
        TenantId tenant = TenantId.of("parity");
        List<String> keys = List.of("coupon", "Coupon", "coupon ", "coupon  ", "coupon\t");

        store.transact(tenant, uow -> {
            for (int i = 0; i < keys.size(); i++) {
                uow.insert(SORTED, new Item("i" + i, keys.get(i), keys.get(i), "s"));
            }
            return null;
        });

        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            List<Item> unique = values(store.read(tenant,
                    uow -> uow.findUnique(SORTED, "unique", key).stream().toList()));
            List<Item> indexed = values(store.read(tenant, uow -> uow.findBy(SORTED, "key", key)));
            assertThat(unique).as("unique '%s'", key).extracting(Item::id).containsExactly("i" + i);
            assertThat(indexed).as("index '%s'", key).extracting(Item::id).containsExactly("i" + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void findRange_whenSortKeysAreNotAscii_ordersByCodePoint(Dialect dialect) {
        JdbcStore store = open(dialect);
        TenantId tenant = TenantId.of("parity");
        // code points: Z 5A, a 61, z 7A, ä E4, é E9, € 20AC; a collation would put ä and é next to a and e
        List<String> sortKeys = List.of("é", "z", "€", "Z", "ä", "a");
        store.transact(tenant, uow -> {
            for (String s : sortKeys) {
                uow.insert(SORTED, new Item("id-" + s, "k", null, s));
            }
            return null;
        });

        List<String> ascending = store.read(tenant, uow -> uow.findRange(SORTED, "sorted", "k", IndexRange.first(10)))
                .stream().map(v -> v.value().sort()).toList();
        List<String> afterZ = store.read(tenant, uow -> uow.findRange(SORTED, "sorted", "k",
                new IndexRange(SortKeys.after("z"), null, 10, false))).stream().map(v -> v.value().sort()).toList();

        assertThat(ascending).containsExactly("Z", "a", "z", "ä", "é", "€");
        assertThat(afterZ).containsExactly("ä", "é", "€");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void insert_whenSortPositionIsLongerThanTheColumn_throwsValidationAndWritesNothing(Dialect dialect) {
        JdbcStore store = open(dialect);
        TenantId tenant = TenantId.of("parity");
        // sort key, separator and id: 1022 + 1 + 2 = 1025 characters
        Item tooLong = new Item("p1", "k", "u1", "a".repeat(1022));

        assertThatThrownBy(() -> store.transact(tenant, uow -> uow.insert(SORTED, tooLong)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("sorted"))
                .hasMessageContaining("shorten the sort key");
        long left = store.read(tenant, uow -> uow.count(SORTED));
        assertThat(left).isZero();
    }

    @Test
    void insert_whenMysqlPositionPassesItsByteBudget_throwsValidationAndKeepsTheOneThatFits() {
        JdbcStore store = open(Dialect.MYSQL);
        TenantId tenant = TenantId.of("parity");
        // 254 three-byte characters, the separator and a two-byte id: 765 bytes, the column's width
        Item fits = new Item("p1", "k", null, wide("€", 254));
        Item over = new Item("p2", "k", null, wide("€", 254) + "a");

        store.transact(tenant, uow -> uow.insert(SORTED, fits));
        assertThatThrownBy(() -> store.transact(tenant, uow -> uow.insert(SORTED, over)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("765 bytes of UTF-8 on MySQL");

        assertThat(values(store.read(tenant, uow -> uow.findRange(SORTED, "sorted", "k", IndexRange.first(10)))))
                .containsExactly(fits);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void transact_whenAnotherTransactionCommitsMidWork_readsTheCommittedVersion(Dialect dialect) {
        JdbcStore store = open(dialect);
        TenantId tenant = TenantId.of("parity");
        store.transact(tenant, uow -> uow.insert(ACCOUNTS, new Account("a", 0)));

        Versioned<Account> reread = store.transact(tenant, uow -> {
            uow.get(ACCOUNTS, "a");
            store.transact(tenant, other -> other.update(ACCOUNTS, new Account("a", 5), 1));
            return uow.get(ACCOUNTS, "a");
        });

        assertThat(reread).isEqualTo(new Versioned<>(new Account("a", 5), 2));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void transact_whenDeadlockVictimCatchesTheConflict_commitsNothingOfItAndReportsTheConflict(Dialect dialect)
            throws Exception {
        JdbcStore store = open(dialect);
        TenantId tenant = TenantId.of("parity");
        store.transact(tenant, uow -> {
            uow.insert(ACCOUNTS, new Account("a", 0));
            return uow.insert(ACCOUNTS, new Account("b", 0));
        });
        CountDownLatch bothWroteOnce = new CountDownLatch(2);
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            List<Future<ErrorCode>> outcomes = List.of(
                    racers.submit(racer(store, tenant, "a", "b", 1, bothWroteOnce)),
                    racers.submit(racer(store, tenant, "b", "a", 2, bothWroteOnce)));
            List<ErrorCode> codes = new ArrayList<>();
            for (Future<ErrorCode> f : outcomes) {
                codes.add(f.get(60, TimeUnit.SECONDS));
            }

            // one wins; the victim's caught deadlock still rolls back all it did, and says so
            assertThat(codes).containsExactlyInAnyOrder(null, ErrorCode.VERSION_CONFLICT);
            long winner = codes.get(0) == null ? 1 : 2;
            List<Versioned<Account>> accounts = store.read(tenant,
                    uow -> List.of(uow.get(ACCOUNTS, "a"), uow.get(ACCOUNTS, "b")));
            assertThat(accounts).containsExactly(new Versioned<>(new Account("a", winner), 2),
                            new Versioned<>(new Account("b", winner), 2));
        } finally {
            racers.shutdownNow();
        }
    }

    private static <T> List<T> values(List<Versioned<T>> versioned) {
        return versioned.stream().map(Versioned::value).toList();
    }

    /**
     * Updates {@code first}, waits until the other racer has updated its first, then updates {@code second}: one of
     * the two is chosen as the deadlock's victim. The work catches the conflict and returns as if nothing happened.
     *
     * @return null when the unit of work committed, else the code it failed with
     */
    private static Callable<ErrorCode> racer(JdbcStore store, TenantId tenant, String first, String second,
                                             long balance, CountDownLatch bothWroteOnce) {
        return () -> {
            try {
                store.transact(tenant, uow -> {
                    uow.update(ACCOUNTS, new Account(first, balance), 1);
                    bothWroteOnce.countDown();
                    try {
                        if (!bothWroteOnce.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the other racer never wrote");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    try {
                        uow.update(ACCOUNTS, new Account(second, balance), 1);
                    } catch (ConflictException swallowed) {
                        // a careless host: it goes on as if the write had not mattered
                    }
                    return null;
                });
                return null;
            } catch (ConflictException e) {
                return e.code();
            }
        };
    }
}
