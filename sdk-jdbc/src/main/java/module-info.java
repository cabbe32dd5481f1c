/**
 * Learnloop sdk-jdbc.
 */
module io.learnloop.jdbc {
    requires transitive io.learnloop.core;
    requires transitive java.sql;
    requires flyway.core;
    requires org.slf4j;

    exports io.learnloop.jdbc;
}
