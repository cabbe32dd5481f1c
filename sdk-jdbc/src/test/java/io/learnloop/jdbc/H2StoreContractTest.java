package io.learnloop.jdbc;

import io.learnloop.core.store.Store;
import io.learnloop.core.testing.StoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The store contract on the embedded default: an H2 file database. */
class H2StoreContractTest extends StoreContract {
    @TempDir
    static Path folder;
    private static JdbcStore store;

    @BeforeAll
    static void open() {
        store = JdbcStores.embeddedH2(folder);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    protected Store store() {
        return store;
    }
}
