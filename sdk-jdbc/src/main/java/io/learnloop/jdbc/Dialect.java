package io.learnloop.jdbc;

/**
 * The SQL databases the JDBC store runs on.
 *
 * <p>Thread-safe: an enum.
 */
public enum Dialect {
    /** PostgreSQL 12 or newer: the production database. */
    POSTGRESQL,
    /** H2 2.x, as an embedded file database: the default that needs nothing installed. */
    H2
}
