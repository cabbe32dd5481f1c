package io.learnloop.core.privacy;

import io.learnloop.core.internal.store.MemoryStoreContents;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.ErasureContract;

import java.util.List;

class MemoryErasureTest extends ErasureContract {
    @Override
    protected Store newStore() {
        return Stores.inMemory();
    }

    @Override
    protected List<String> contents(Store store) {
        return MemoryStoreContents.of(store);
    }
}
