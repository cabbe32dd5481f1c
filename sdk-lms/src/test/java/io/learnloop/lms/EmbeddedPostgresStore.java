package io.learnloop.lms;

import io.learnloop.core.store.Store;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** A Learnloop store on a real PostgreSQL server, started once per run, with a fresh database per store. */
final class EmbeddedPostgresStore {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresStore() {
    }

    static Store open() {
        EmbeddedPostgres pg = server();
        String name = "lms_test_" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        DataSource db = pg.getDatabase("postgres", name);
        JdbcStores.migrate(db, Dialect.POSTGRESQL);
        return JdbcStores.open(db, Dialect.POSTGRESQL);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the run is over
                }
            }));
        }
        return server;
    }
}
