package io.learnloop.core.subscription;

import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.SubscriptionContract;

/** Auto-renewing memberships on the in-memory store. */
class MemorySubscriptionTest extends SubscriptionContract {
    private static final Store STORE = Stores.inMemory();

    @Override
    protected Store store() {
        return STORE;
    }
}
