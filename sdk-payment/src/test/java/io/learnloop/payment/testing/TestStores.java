package io.learnloop.payment.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.internal.store.MemoryStoreContents;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStores;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The stores a test runs on, and what each holds as raw text, for scans for personal data. */
public final class TestStores {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** A store and how to read everything it holds. */
    public interface Backend extends AutoCloseable {
        /** The store. */
        Store store();

        /** Every record the store holds, a line of raw text each. */
        List<String> contents();

        @Override
        void close();
    }

    private TestStores() {
    }

    /**
     * Opens a fresh store.
     *
     * @param kind {@code memory}, {@code h2} or {@code postgres} (an embedded server, started once per run)
     * @return the store
     */
    public static Backend open(String kind) {
        return switch (kind) {
            case "memory" -> memory();
            case "h2" -> h2();
            case "postgres" -> postgres();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Backend memory() {
        Store store = Stores.inMemory();
        return new Backend() {
            @Override
            public Store store() {
                return store;
            }

            @Override
            public List<String> contents() {
                return MemoryStoreContents.of(store);
            }

            @Override
            public void close() {
            }

            @Override
            public String toString() {
                return "memory";
            }
        };
    }

    private static Backend h2() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:payment_test_" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(4);
        return jdbc(new HikariDataSource(config), Dialect.H2, "PUBLIC", "h2");
    }

    /** One server for the whole run, a fresh database per store. */
    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the run is over
                }
            }));
        }
        return postgres;
    }

    private static Backend postgres() {
        EmbeddedPostgres server = server();
        String name = "payment_test_" + NEXT.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.getJdbcUrl("postgres", name));
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return jdbc(new HikariDataSource(config), Dialect.POSTGRESQL, "public", "postgres");
    }

    private static Backend jdbc(HikariDataSource pool, Dialect dialect, String schema, String kind) {
        JdbcStores.migrate(pool, dialect);
        Store store = JdbcStores.open(pool, dialect);
        return new Backend() {
            @Override
            public Store store() {
                return store;
            }

            @Override
            public List<String> contents() {
                return rows(pool, schema);
            }

            @Override
            public void close() {
                pool.close();
            }

            @Override
            public String toString() {
                return kind;
            }
        };
    }

    /** Every row of every table of the database's public schema, its columns joined. */
    private static List<String> rows(DataSource db, String schema) {
        List<String> lines = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet t = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = '" + schema + "' AND table_type = 'BASE TABLE'")) {
                while (t.next()) {
                    tables.add(t.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData meta = r.getMetaData();
                    while (r.next()) {
                        StringBuilder line = new StringBuilder(table);
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            line.append(' ').append(r.getString(i));
                        }
                        lines.add(line.toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }
}
