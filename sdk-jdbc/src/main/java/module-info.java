/**
 * Learnloop sdk-jdbc: the store SPI on PostgreSQL, MySQL/MariaDB and H2, with schema migrations. Start with
 * {@link io.learnloop.jdbc.JdbcStores}.
 */
module io.learnloop.jdbc {
    requires transitive io.learnloop.core;
    requires transitive java.sql;
    requires flyway.core;
    requires org.slf4j;
    requires static com.h2database;

    exports io.learnloop.jdbc;
}
