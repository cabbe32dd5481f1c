package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.jdbc.internal.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store refuses a dialect that does not match its database before running any SQL, naming the dialect to use; and
 * it can tell the dialect itself.
 */
class DialectDetectionTest {
    @Test
    void migrate_whenPostgresDataSourceNamedH2_refusesNamingPostgresqlAndCreatesNothing() throws SQLException {
        try (HikariDataSource postgres = TestDatabases.newPostgres(2)) {
            assertThatThrownBy(() -> JdbcStores.migrate(postgres, Dialect.H2))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                        assertThat(e.fields()).containsExactly("dialect");
                    })
                    .hasMessageContaining("the DataSource is PostgreSQL " + productVersion(postgres))
                    .hasMessageContaining("use Dialect.POSTGRESQL");

            assertThat(learnloopTables(postgres)).isZero();
        }
    }

    @Test
    void migrate_whenH2DataSourceNamedPostgresql_refusesNamingH2AndCreatesNothing() throws SQLException {
        try (HikariDataSource h2 = TestDatabases.newH2(2)) {
            assertThatThrownBy(() -> JdbcStores.migrate(h2, Dialect.POSTGRESQL))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("dialect"))
                    .hasMessageContaining("the DataSource is H2 ")
                    .hasMessageContaining("use Dialect.H2");

            assertThat(learnloopTables(h2)).isZero();
        }
    }

    @Test
    void open_whenDialectDoesNotMatchTheMigratedDatabase_refusesNamingTheRightOne() {
        try (HikariDataSource postgres = TestDatabases.newPostgres(2); HikariDataSource h2 = TestDatabases.newH2(2)) {
            JdbcStores.migrate(postgres, Dialect.POSTGRESQL);
            JdbcStores.migrate(h2, Dialect.H2);

            assertThatThrownBy(() -> JdbcStores.open(postgres, Dialect.H2))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("use Dialect.POSTGRESQL");
            assertThatThrownBy(() -> JdbcStores.open(h2, Dialect.POSTGRESQL))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("use Dialect.H2");
        }
    }

    @Test
    void detect_whenPostgresOrH2_returnsItsDialect() {
        try (HikariDataSource postgres = TestDatabases.newPostgres(2); HikariDataSource h2 = TestDatabases.newH2(2)) {
            assertThat(Dialect.detect(postgres)).isEqualTo(Dialect.POSTGRESQL);
            assertThat(Dialect.detect(h2)).isEqualTo(Dialect.H2);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void migrate_whenNoDialectGiven_migratesInTheDetectedDialectAndOpens(Dialect dialect) {
        try (HikariDataSource ds = TestDatabases.newDatabase(dialect, 2)) {
            assertThat(JdbcStores.migrate(ds)).isEqualTo(Migrations.FILES.size());
            assertThat(JdbcStores.migrate(ds)).isZero();

            try (JdbcStore store = JdbcStores.open(ds, Dialect.detect(ds))) {
                assertThat(store.dialect()).isEqualTo(dialect);
            }
        }
    }

    @Test
    void detect_whenMariadbThroughEitherDriver_returnsMysql() {
        try (HikariDataSource mariadbDriver = TestDatabases.newMysql(2);
             HikariDataSource mysqlDriver = TestDatabases.hikari(
                     mariadbDriver.getJdbcUrl().replace("jdbc:mariadb:", "jdbc:mysql:"), "root", "", 2)) {
            assertThat(Dialect.detect(mariadbDriver)).isEqualTo(Dialect.MYSQL);
            assertThat(Dialect.detect(mysqlDriver)).isEqualTo(Dialect.MYSQL);
        }
    }

    @Test
    void migrate_whenMariadbDataSourceNamedPostgresql_refusesNamingMysqlAndCreatesNothing() throws SQLException {
        try (HikariDataSource mariadb = TestDatabases.newMysql(2)) {
            assertThatThrownBy(() -> JdbcStores.migrate(mariadb, Dialect.POSTGRESQL))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("dialect"))
                    .hasMessageContaining("the DataSource is MariaDB ")
                    .hasMessageContaining("use Dialect.MYSQL");

            try (Connection c = mariadb.getConnection(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables "
                         + "WHERE table_schema = DATABASE()")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "MySQL, 8.0.36",
            "MySQL, 9.1.0",
            "MariaDB, 10.6.18-MariaDB",
            "MariaDB, 11.4.2-MariaDB-ubu2404",
            "MySQL, 5.5.5-10.11.6-MariaDB-0+deb12u1",
    })
    void detect_whenMysqlOrMariadbRecentEnough_returnsMysql(String product, String version) {
        assertThat(Dialect.detect(reportingProduct(product, version))).isEqualTo(Dialect.MYSQL);
    }

    @ParameterizedTest
    @CsvSource({
            "MySQL, 5.7.44, MySQL 8.0 or newer",
            "MariaDB, 10.5.23-MariaDB, MariaDB 10.6 or newer",
            "MySQL, 5.5.5-10.4.32-MariaDB, MariaDB 10.6 or newer",
    })
    void detect_whenMysqlOrMariadbTooOld_refusesNamingTheVersionNeeded(String product, String version,
                                                                       String needed) {
        DataSource old = reportingProduct(product, version);

        assertThatThrownBy(() -> Dialect.detect(old))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("dataSource"))
                .hasMessageContaining("the DataSource is " + product + " " + version)
                .hasMessageContaining(needed);
        assertThatThrownBy(() -> JdbcStores.migrate(old, Dialect.MYSQL))
                .isInstanceOf(ValidationException.class).hasMessageContaining(needed);
    }

    @Test
    void detect_whenDatabaseIsNotSupported_namesItAndTheSupportedOnes() {
        DataSource oracle = reportingProduct("Oracle", "23.4.0.24.05");

        assertThatThrownBy(() -> Dialect.detect(oracle))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("dataSource"))
                .hasMessageContaining("the DataSource is Oracle 23.4.0.24.05")
                .hasMessageContaining("PostgreSQL (Dialect.POSTGRESQL), MySQL 8.0+ and MariaDB 10.6+ (Dialect.MYSQL) "
                        + "and H2 (Dialect.H2)");
        assertThatThrownBy(() -> JdbcStores.migrate(oracle, Dialect.POSTGRESQL))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Oracle 23.4.0.24.05");
    }

    private static String productVersion(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static int learnloopTables(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables "
                     + "WHERE LOWER(table_name) LIKE 'learnloop%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A data source whose driver reports another database product; only its metadata is ever asked for. */
    private static DataSource reportingProduct(String name, String version) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[]{DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> name;
                    case "getDatabaseProductVersion" -> version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> meta;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new UrlDataSource("jdbc:unused", "", "") {
            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
