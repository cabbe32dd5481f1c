package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.jdbc.internal.Migrations;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    @Test
    void open_whenSchemaNeverMigrated_namesTheFirstMigrationOnH2AndPostgres() {
        for (Dialect dialect : Dialect.values()) {
            try (HikariDataSource ds = newDatabase(dialect)) {
                assertUnavailable(() -> JdbcStores.open(ds, dialect), "older", "V1 (aggregates and outbox)",
                        "JdbcStores.migrate");
            }
        }
    }

    @Test
    void open_whenSchemaOneMigrationBehind_namesTheMissingMigration() {
        for (Dialect dialect : Dialect.values()) {
            try (HikariDataSource ds = newDatabase(dialect)) {
                assertThat(Migrations.migrate(ds, dialect, "1")).isEqualTo(1);

                assertUnavailable(() -> JdbcStores.open(ds, dialect), "older", "V2 (scheduled jobs)");
            }
        }
    }

    @Test
    void open_whenSchemaNewerThanThisVersion_namesTheUnknownMigration() {
        for (Dialect dialect : Dialect.values()) {
            try (HikariDataSource ds = newDatabase(dialect)) {
                String lower = dialect.name().toLowerCase(Locale.ROOT);
                Flyway.configure().dataSource(ds).table(Migrations.HISTORY_TABLE)
                        .locations("classpath:db/learnloop/" + lower, "classpath:db/future/" + lower)
                        .load().migrate();

                assertUnavailable(() -> JdbcStores.open(ds, dialect), "newer", "V99 (future feature)");
            }
        }
    }

    @Test
    void migrate_whenRunTwice_appliesEachMigrationOnceAndOpens() {
        for (Dialect dialect : Dialect.values()) {
            try (HikariDataSource ds = newDatabase(dialect)) {
                assertThat(JdbcStores.migrate(ds, dialect)).isEqualTo(Migrations.FILES.size());
                assertThat(JdbcStores.migrate(ds, dialect)).isZero();

                try (JdbcStore store = JdbcStores.open(ds, dialect)) {
                    assertThat(store.dialect()).isEqualTo(dialect);
                }
            }
        }
    }

    @Test
    void migrate_whenSchemaHoldsTheHostsOwnTables_addsLearnloopsBesideThem() throws SQLException {
        for (Dialect dialect : Dialect.values()) {
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

    private static HikariDataSource newDatabase(Dialect dialect) {
        return dialect == Dialect.H2 ? TestDatabases.newH2(2) : TestDatabases.newPostgres(2);
    }

    private static void assertUnavailable(Supplier<?> call, String... phrases) {
        assertThatThrownBy(call::get)
                .isInstanceOf(LearnloopException.class)
                .satisfies(e -> assertThat(((LearnloopException) e).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE))
                .satisfies(e -> assertThat(e.getMessage()).contains(phrases));
    }
}
