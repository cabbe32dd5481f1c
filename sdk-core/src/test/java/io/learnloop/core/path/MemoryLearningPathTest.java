package io.learnloop.core.path;

import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.LearningPathContract;

/** Learning paths on the in-memory store. */
class MemoryLearningPathTest extends LearningPathContract {
    private static final Store STORE = Stores.inMemory();

    @Override
    protected Store store() {
        return STORE;
    }
}
