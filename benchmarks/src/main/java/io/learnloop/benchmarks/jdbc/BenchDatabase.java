package io.learnloop.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The store a benchmark runs on: in memory, the embedded H2 file database in a temporary folder, or a real
 * PostgreSQL started in-process behind a HikariCP pool; everything it opened is closed with it.
 *
 * <p>Not thread-safe: opened and closed by a benchmark's set-up and tear-down.
 */
final class BenchDatabase implements AutoCloseable {
    final Store store;
    /** The pool of the PostgreSQL server, or null on the other stores. */
    final HikariDataSource pool;
    private final JdbcStore jdbc;
    private final EmbeddedPostgres postgres;
    private final Path folder;

    private BenchDatabase(Store store, HikariDataSource pool, JdbcStore jdbc, EmbeddedPostgres postgres, Path folder) {
        this.store = store;
        this.pool = pool;
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.folder = folder;
    }

    /**
     * Opens a store.
     *
     * @param kind     {@code MEMORY}, {@code H2} or {@code POSTGRESQL}
     * @param poolSize the PostgreSQL pool's size
     * @return the store and what it holds open
     * @throws IOException if a folder or the server cannot be made
     */
    static BenchDatabase open(String kind, int poolSize) throws IOException {
        switch (kind) {
            case "MEMORY" -> {
                return new BenchDatabase(Stores.inMemory(), null, null, null, null);
            }
            case "H2" -> {
                Path folder = Files.createTempDirectory("learnloop-bench-h2");
                JdbcStore jdbc = JdbcStores.embeddedH2(folder);
                return new BenchDatabase(jdbc, null, jdbc, null, folder);
            }
            case "POSTGRESQL" -> {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
                config.setUsername("postgres");
                config.setMaximumPoolSize(poolSize);
                HikariDataSource pool = new HikariDataSource(config);
                JdbcStores.migrate(pool, Dialect.POSTGRESQL);
                JdbcStore jdbc = JdbcStores.open(pool, Dialect.POSTGRESQL);
                return new BenchDatabase(jdbc, pool, jdbc, postgres, null);
            }
            default -> throw new IllegalArgumentException("no store " + kind);
        }
    }

    @Override
    public void close() throws IOException {
        if (jdbc != null) {
            jdbc.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
