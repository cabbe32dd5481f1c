package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.jdbc.internal.Migrations;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrations run only when asked; a store refuses a schema it does not match, naming the migration; bad connection
 * settings give a clear {@code STORE_UNAVAILABLE} error, not a driver exception.
 */
class SchemaAndConnectionTest {
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void open_whenSchemaNeverMigrated_namesTheFirstMigration(Dialect dialect) {
        try (HikariDataSource ds = newDatabase(dialect)) {
            assertUnavailable(() -> JdbcStores.open(ds, dialect), "older", "V1 (aggregates and outbox)",
                    "JdbcStores.migrate");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void open_whenSchemaOneMigrationBehind_namesTheMissingMigration(Dialect dialect) {
        try (HikariDataSource ds = newDatabase(dialect)) {
            assertThat(Migrations.migrate(ds, dialect, "1")).isEqualTo(1);

            assertUnavailable(() -> JdbcStores.open(ds, dialect), "older", "V2 (scheduled jobs)");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void open_whenSchemaNewerThanThisVersion_namesTheUnknownMigration(Dialect dialect) {
        try (HikariDataSource ds = newDatabase(dialect)) {
            String lower = dialect.name().toLowerCase(Locale.ROOT);
            Flyway.configure().dataSource(ds).table(Migrations.HISTORY_TABLE)
                    .locations("classpath:db/learnloop/" + lower, "classpath:db/future/" + lower)
                    .load().migrate();

            assertUnavailable(() -> JdbcStores.open(ds, dialect), "newer", "V99 (future feature)");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void migrate_whenRunTwice_appliesEachMigrationOnceAndOpens(Dialect dialect) {
        try (HikariDataSource ds = newDatabase(dialect)) {
            assertThat(JdbcStores.migrate(ds, dialect)).isEqualTo(Migrations.FILES.size());
            assertThat(JdbcStores.migrate(ds, dialect)).isZero();

            try (JdbcStore store = JdbcStores.open(ds, dialect)) {
                assertThat(store.dialect()).isEqualTo(dialect);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void migrate_whenSchemaHoldsTheHostsOwnTables_addsLearnloopsBesideThem(Dialect dialect) throws SQLException {
        try (HikariDataSource ds = newDatabase(dialect)) {
            try (var c = ds.getConnection(); var s = c.createStatement()) {
                s.execute("CREATE TABLE host_customer (id VARCHAR(40) PRIMARY KEY)");
            }

            assertThat(JdbcStores.migrate(ds, dialect)).isEqualTo(Migrations.FILES.size());

            try (JdbcStore store = JdbcStores.open(ds, dialect)) {
                assertThat(store.dialect()).isEqualTo(dialect);
            }
        }
    }

    @Test
    void migrations_whenListed_matchTheFilesShippedForEveryDialect() {
        for (Dialect dialect : Dialect.values()) {
            for (String file : Migrations.FILES) {
                assertThat(getClass().getResource("/" + Migrations.folder(dialect) + "/" + file))
                        .as(dialect + " " + file).isNotNull();
            }
        }
        assertThat(Migrations.latestVersion()).isEqualTo(String.valueOf(Migrations.FILES.size()));
    }

    @Test
    void open_whenNothingListensOnThePort_saysTheDatabaseCouldNotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DataSource ds = new UrlDataSource("jdbc:postgresql://127.0.0.1:" + closedPort + "/learnloop?connectTimeout=2",
                "learnloop", "secret");

        assertUnavailable(() -> JdbcStores.migrate(ds, Dialect.POSTGRESQL), "could not be reached", "host, port");
        assertUnavailable(() -> JdbcStores.open(ds, Dialect.POSTGRESQL), "could not be reached", "host, port");
    }

    @Test
    void open_whenDatabaseDoesNotExist_saysSo() {
        DataSource ds = new UrlDataSource(TestDatabases.postgresServer().getJdbcUrl("postgres", "no_such_database"),
                "postgres", "");

        assertUnavailable(() -> JdbcStores.open(ds, Dialect.POSTGRESQL), "does not exist");
    }

    @Test
    void open_whenH2PasswordWrong_saysToCheckTheCredentials(@TempDir Path folder) throws SQLException {
        String url = "jdbc:h2:file:" + folder.resolve("db");
        try (var c = new UrlDataSource(url, "owner", "right").getConnection()) {
            assertThat(c.isValid(1)).isTrue();
            DataSource wrong = new UrlDataSource(url, "owner", "wrong");

            assertUnavailable(() -> JdbcStores.open(wrong, Dialect.H2), "credentials", "user name and password");
        }
    }

    @Test
    void open_whenDataSourceFailsWithoutSqlState_stillThrowsStoreUnavailable() {
        DataSource broken = new UrlDataSource("jdbc:h2:mem:x", "sa", "") {
            @Override
            public java.sql.Connection getConnection() throws SQLException {
                throw new SQLException("pool exhausted");
            }
        };

        assertUnavailable(() -> JdbcStores.open(broken, Dialect.H2), "pool exhausted");
    }

    @Test
    void open_whenNothingListensOnTheMysqlPort_saysTheDatabaseCouldNotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DataSource ds = new UrlDataSource("jdbc:mariadb://127.0.0.1:" + closedPort + "/learnloop?connectTimeout=2000",
                "learnloop", "secret");

        assertUnavailable(() -> JdbcStores.migrate(ds, Dialect.MYSQL), "could not be reached", "host, port");
        assertUnavailable(() -> JdbcStores.open(ds, Dialect.MYSQL), "could not be reached", "host, port");
    }

    @Test
    void open_whenMysqlDatabaseDoesNotExist_saysSo() {
        DataSource ds = new UrlDataSource(MariaDbServer.get().jdbcUrl("no_such_database"), "root", "");

        assertUnavailable(() -> JdbcStores.open(ds, Dialect.MYSQL), "does not exist", "no_such_database");
    }

    @Test
    void open_whenMysqlPasswordWrong_saysToCheckTheCredentials() {
        DataSource wrong = new UrlDataSource(MariaDbServer.get().jdbcUrl(""), "root", "wrong");

        assertUnavailable(() -> JdbcStores.open(wrong, Dialect.MYSQL), "credentials", "user name and password");
    }

    @Test
    void migrate_whenMysqlSessionIsNotStrict_refusesNamingStrictModeAndCreatesNothing() throws SQLException {
        try (HikariDataSource strict = TestDatabases.newMysql(2);
             HikariDataSource lax = lax(strict.getJdbcUrl())) {
            assertUnavailable(() -> JdbcStores.migrate(lax, Dialect.MYSQL), "strict mode", "STRICT_TRANS_TABLES");
            assertUnavailable(() -> JdbcStores.migrate(lax), "strict mode", "STRICT_TRANS_TABLES");
            assertThat(tables(strict)).isZero();

            JdbcStores.migrate(strict, Dialect.MYSQL);
            assertUnavailable(() -> JdbcStores.open(lax, Dialect.MYSQL), "strict mode", "STRICT_TRANS_TABLES");
        }
    }

    /** A pool whose sessions cut too long values instead of refusing them. */
    private static HikariDataSource lax(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("root");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
        return new HikariDataSource(config);
    }

    private static int tables(DataSource ds) throws SQLException {
        try (var c = ds.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static HikariDataSource newDatabase(Dialect dialect) {
        return TestDatabases.newDatabase(dialect, 2);
    }

    private static void assertUnavailable(Supplier<?> call, String... phrases) {
        assertThatThrownBy(call::get)
                .isInstanceOf(LearnloopException.class)
                .satisfies(e -> assertThat(((LearnloopException) e).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE))
                .satisfies(e -> assertThat(e.getMessage()).contains(phrases));
    }
}
