package io.learnloop.jdbc.internal;

import org.postgresql.PGStatement;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Plans a range read on PostgreSQL for its own values every time. After a few executions the driver prepares a
 * statement on the server, and PostgreSQL may then reuse a generic plan that cannot see how many entries one index
 * key holds: for a key with many entries it walks them all by primary key and sorts them (hundreds of milliseconds
 * at 40,000 entries) instead of reading the first page of the sorted index (a fraction of a millisecond). Loaded
 * only for the PostgreSQL dialect, so hosts without the PostgreSQL driver never need it.
 *
 * <p>Thread-safe: stateless.
 */
final class PgPlans {
    private PgPlans() {
    }

    /**
     * Makes the driver send the statement unprepared, so the server plans it with its parameters each time.
     *
     * @param ps the statement
     * @throws SQLException if the driver fails
     */
    static void planEachExecution(PreparedStatement ps) throws SQLException {
        if (ps.isWrapperFor(PGStatement.class)) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }
}
