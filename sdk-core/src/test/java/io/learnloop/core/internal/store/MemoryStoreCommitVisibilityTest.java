package io.learnloop.core.internal.store;

import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Counter;
import io.learnloop.core.store.CounterKey;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers of the memory store take no lock. A reader that sees an aggregate's new version must also see the counters
 * committed with it, or a work that guards a decision on counters by a compare-and-set on that aggregate (a payout)
 * decides on old counters.
 */
class MemoryStoreCommitVisibilityTest {
    record Account(String id, long payouts) {
    }

    private static final AggregateType<Account> ACCOUNTS = AggregateType.builder("account", Account.class, Account::id)
            .build();
    private static final TenantId TENANT = TenantId.of("visibility");
    private static final CounterKey PAID = new CounterKey("paid", "alice", "total");

    @Test
    void commit_whenReaderSeesTheNewVersion_alsoSeesTheCountersCommittedWithIt() throws InterruptedException {
        Store store = Stores.inMemory();
        store.transact(TENANT, uow -> uow.insert(ACCOUNTS, new Account("alice", 0)));
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong torn = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                store.read(TENANT, uow -> {
                    Versioned<Account> account = uow.get(ACCOUNTS, "alice");
                    List<Counter> paid = uow.counters("paid", "alice", null, 1);
                    long counted = paid.isEmpty() ? 0 : paid.get(0).value();
                    // every commit below adds one to both, so the counter never trails the version it came with
                    if (counted < account.version() - 1) {
                        torn.incrementAndGet();
                    }
                    return null;
                });
            }
        });
        reader.start();
        for (int i = 0; i < 50_000 && torn.get() == 0; i++) {
            store.transact(TENANT, uow -> {
                Versioned<Account> a = uow.get(ACCOUNTS, "alice");
                uow.update(ACCOUNTS, new Account("alice", a.value().payouts() + 1), a.version());
                uow.add(PAID, 1);
                return null;
            });
        }
        done.set(true);
        reader.join();

        assertThat(torn).as("reads that saw a version without its counters").hasValue(0);
    }
}
