package io.learnloop.examples.privacy;

import io.learnloop.core.internal.store.MemoryStoreContents;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;

import java.util.List;

/** The every-module erasure test on the in-memory store, with a scan of every record and key. */
class MemoryEveryModuleErasureTest extends EveryModuleErasureContract {
    @Override
    protected Store newStore() {
        return Stores.inMemory();
    }

    @Override
    protected List<String> contents(Store store) {
        return MemoryStoreContents.of(store);
    }
}
