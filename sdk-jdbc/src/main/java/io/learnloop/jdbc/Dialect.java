package io.learnloop.jdbc;

import io.learnloop.jdbc.internal.DatabaseProduct;

import javax.sql.DataSource;
import java.util.Objects;

/**
 * The SQL databases the JDBC store runs on.
 *
 * <p>Thread-safe: an enum.
 */
public enum Dialect {
    /** PostgreSQL 12 or newer: the production database. */
    POSTGRESQL,
    /** H2 2.x, as an embedded file database: the default that needs nothing installed. */
    H2,
    /**
     * MySQL 8.0 or newer, and MariaDB 10.6 or newer (both through this one dialect), with InnoDB tables. See the
     * persistence guide for what differs from PostgreSQL.
     */
    MYSQL;

    /**
     * The dialect of the database a data source connects to, read from the driver's metadata through one
     * connection (returned at once).
     *
     * @param dataSource the database
     * @return its dialect
     * @throws io.learnloop.core.error.ValidationException on {@code dataSource} if it is a database the store does
     *                                                     not run on (the message names it)
     * @throws io.learnloop.core.error.LearnloopException  with {@code STORE_UNAVAILABLE} if it cannot be reached
     */
    public static Dialect detect(DataSource dataSource) {
        return DatabaseProduct.of(Objects.requireNonNull(dataSource, "dataSource")).requireSupported();
    }
}
