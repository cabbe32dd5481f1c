package io.learnloop.jdbc.internal;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.sql.SQLException;

/**
 * Turns driver exceptions into the SDK's error hierarchy, so no {@link SQLException} reaches a host. The SQLSTATE
 * classes used are those PostgreSQL and H2 share (SQL:2016 plus PostgreSQL's documented codes); MySQL and MariaDB
 * report several failures under one SQLSTATE (23000, HY000, 42000), so theirs are told apart by the server's error
 * number, which only their drivers set in the range used here (PostgreSQL's driver reports 0, H2's five digits).
 *
 * <p>Thread-safe: stateless.
 */
public final class SqlErrors {
    /** MySQL and MariaDB: a duplicate value in a unique index (SQLSTATE 23000). */
    private static final int ER_DUP_ENTRY = 1062;
    /** MySQL and MariaDB: the same, naming the key. */
    private static final int ER_DUP_ENTRY_WITH_KEY_NAME = 1586;
    /** MySQL and MariaDB: a duplicate key on write. */
    private static final int ER_DUP_KEY = 1022;
    /** MySQL and MariaDB: deadlock; the server rolled the whole transaction back. */
    private static final int ER_LOCK_DEADLOCK = 1213;
    /** MySQL and MariaDB: a row lock was not granted within {@code innodb_lock_wait_timeout}. */
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    /** MySQL and MariaDB: the database named in the URL does not exist (SQLSTATE 42000). */
    private static final int ER_BAD_DB_ERROR = 1049;

    private SqlErrors() {
    }

    /**
     * Whether the failure is a unique or primary-key violation.
     *
     * @param e the failure
     * @return true for SQLSTATE 23505, or MySQL's duplicate-entry errors
     */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState())
                || ("23000".equals(e.getSQLState()) && (e.getErrorCode() == ER_DUP_ENTRY
                || e.getErrorCode() == ER_DUP_ENTRY_WITH_KEY_NAME || e.getErrorCode() == ER_DUP_KEY));
    }

    /**
     * Whether the failure means two transactions collided and the loser should retry: serialization failure,
     * deadlock, lock timeout or H2's concurrent update.
     *
     * @param e the failure
     * @return true for a retryable collision
     */
    public static boolean isCollision(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.equals("HYT00")
                || state.equals("90131") || e.getErrorCode() == 50200
                || e.getErrorCode() == ER_LOCK_DEADLOCK || e.getErrorCode() == ER_LOCK_WAIT_TIMEOUT;
    }

    /**
     * Maps a failure.
     *
     * @param e     the failure
     * @param doing what the store was doing, for the message (for example {@code "inserting a course"})
     * @return the exception to throw
     */
    public static LearnloopException map(SQLException e, String doing) {
        String state = String.valueOf(e.getSQLState());
        if (isUniqueViolation(e)) {
            return new ConflictException(ErrorCode.DUPLICATE_KEY, "A unique key was already taken while " + doing
                    + " (" + firstLine(e) + ").");
        }
        if (isCollision(e)) {
            return new ConflictException(ErrorCode.VERSION_CONFLICT, "Another transaction changed the same data while "
                    + doing + "; nothing was kept. Reload and try again. (SQLSTATE " + state + ")");
        }
        String hint;
        if (state.startsWith("08")) {
            hint = "The database could not be reached: check the JDBC URL's host, port and database name, that the "
                    + "server runs and accepts connections, and the network between them.";
        } else if (state.startsWith("28")) {
            hint = "The database refused the credentials: check the user name and password of the DataSource.";
        } else if (state.equals("3D000") || state.equals("90146") || state.equals("90013")
                || e.getErrorCode() == ER_BAD_DB_ERROR) {
            hint = "The database named in the JDBC URL does not exist: create it, or fix the URL.";
        } else if (state.equals("42P01") || state.equals("42S02") || state.equals("42102") || state.equals("42104")) {
            hint = "A Learnloop table is missing: run JdbcStores.migrate(dataSource, dialect) against this database.";
        } else if (state.equals("90020")) {
            hint = "Another process holds the embedded H2 database open; an H2 file database serves one process. "
                    + "Stop the other process, or run several instances on PostgreSQL or MySQL.";
        } else if (state.startsWith("22")) {
            hint = "A value did not fit its column (for example an id longer than 255 characters).";
        } else {
            hint = "The database failed.";
        }
        return new LearnloopException(ErrorCode.STORE_UNAVAILABLE, hint + " While " + doing + ": SQLSTATE " + state
                + ", " + firstLine(e), e);
    }

    /**
     * Maps an unchecked failure of a data source (a pool that failed to start) by the driver failure inside it.
     *
     * @param e     the failure
     * @param doing what the store was doing
     * @return the exception to throw
     */
    public static LearnloopException mapUnchecked(RuntimeException e, String doing) {
        if (e instanceof LearnloopException le) {
            return le;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException se) {
                return map(se, doing);
            }
        }
        return new LearnloopException(ErrorCode.STORE_UNAVAILABLE, "The data source failed while " + doing + ": " + e, e);
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
