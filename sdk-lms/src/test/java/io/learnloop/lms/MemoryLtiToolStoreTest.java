package io.learnloop.lms;

import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;

/** The LTI tool's records on the in-memory store. */
class MemoryLtiToolStoreTest extends LtiToolStoreContract {
    @Override
    protected Store newStore() {
        return Stores.inMemory();
    }

    @Override
    protected void close(Store store) {
    }
}
