package io.learnloop.core.reputation;

import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.ReputationContract;

/** Reputation on the in-memory store. */
class MemoryReputationTest extends ReputationContract {
    private static final Store STORE = Stores.inMemory();

    @Override
    protected Store store() {
        return STORE;
    }
}
