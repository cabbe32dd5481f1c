package io.learnloop.core.store;

import io.learnloop.core.testing.StoreContract;

class MemoryStoreContractTest extends StoreContract {
    private final Store store = Stores.inMemory();

    @Override
    protected Store store() {
        return store;
    }
}
