package io.learnloop.jdbc.internal;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Refuses a MySQL or MariaDB session without strict mode. Without {@code STRICT_TRANS_TABLES} (or
 * {@code STRICT_ALL_TABLES}) the server cuts a value that is too long for its column and only warns, so two keys that
 * differ after the cut would become one; every other database the store runs on fails the statement instead. Both
 * servers are strict by default, and both drivers make their sessions strict unless told not to
 * ({@code jdbcCompliantTruncation=false}); the check catches a server and pool configured otherwise.
 *
 * <p>Thread-safe: stateless.
 */
public final class MysqlStrictMode {
    private static final String ACTION = "reading the MySQL session's sql_mode";

    private MysqlStrictMode() {
    }

    /**
     * Throws unless a connection of the data source runs in strict mode.
     *
     * @param dataSource the database, known to be MySQL or MariaDB
     * @throws LearnloopException with {@code STORE_UNAVAILABLE} if it does not, naming the setting to change
     */
    public static void require(DataSource dataSource) {
        String mode;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            mode = String.valueOf(rs.getString(1));
        } catch (SQLException e) {
            throw SqlErrors.map(e, ACTION);
        } catch (RuntimeException e) {
            throw SqlErrors.mapUnchecked(e, ACTION);
        }
        String upper = mode.toUpperCase(Locale.ROOT);
        if (!upper.contains("STRICT_TRANS_TABLES") && !upper.contains("STRICT_ALL_TABLES")) {
            throw new LearnloopException(ErrorCode.STORE_UNAVAILABLE, "The MySQL session runs without strict mode "
                    + "(sql_mode='" + mode + "'), where a value too long for its column is cut instead of refused. "
                    + "Add STRICT_TRANS_TABLES to the server's sql_mode, or to the sessions of Learnloop's pool (for "
                    + "example sessionVariables=sql_mode='STRICT_TRANS_TABLES' in the JDBC URL).");
        }
    }
}
