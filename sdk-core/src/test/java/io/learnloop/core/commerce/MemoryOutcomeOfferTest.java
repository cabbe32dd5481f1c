package io.learnloop.core.commerce;

import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.OutcomeOfferContract;

/** Pay-per-outcome offers on the in-memory store. */
class MemoryOutcomeOfferTest extends OutcomeOfferContract {
    private static final Store STORE = Stores.inMemory();

    @Override
    protected Store store() {
        return STORE;
    }
}
