package io.learnloop.core.practice;

import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.PracticeContract;

/** Practice with peer review on the in-memory store. */
class MemoryPracticeTest extends PracticeContract {
    private static final Store STORE = Stores.inMemory();

    @Override
    protected Store store() {
        return STORE;
    }
}
