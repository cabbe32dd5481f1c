package io.learnloop.jdbc.internal;

import io.learnloop.core.error.ValidationException;
import io.learnloop.jdbc.Dialect;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database a {@link DataSource} connects to, as its driver names it. Read before migrating or opening, because
 * the other dialect's SQL fails on the first statement with a bare syntax error (SQLSTATE 42601) that names
 * neither the database nor the fix.
 *
 * <p>Thread-safe: immutable.
 *
 * @param name    the product name from the driver's metadata, for example {@code "PostgreSQL"}
 * @param version the product version, for example {@code "16.2"}
 */
public record DatabaseProduct(String name, String version) {
    private static final String ACTION = "reading which database the DataSource connects to";
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d{1,6})\\.(\\d{1,6})");

    /**
     * Asks the database through one connection, returned at once.
     *
     * @param dataSource the database
     * @return what it is
     * @throws io.learnloop.core.error.LearnloopException with {@code STORE_UNAVAILABLE} if it cannot be reached
     */
    public static DatabaseProduct of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            return new DatabaseProduct(String.valueOf(meta.getDatabaseProductName()).trim(),
                    String.valueOf(meta.getDatabaseProductVersion()).trim());
        } catch (SQLException e) {
            throw SqlErrors.map(e, ACTION);
        } catch (RuntimeException e) {
            throw SqlErrors.mapUnchecked(e, ACTION);
        }
    }

    /**
     * The dialect that runs on this product.
     *
     * @return the dialect, or empty for a database the store does not support
     */
    public Optional<Dialect> dialect() {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("postgresql")) {
            return Optional.of(Dialect.POSTGRESQL);
        }
        // H2 names itself "H2" in every compatibility mode (MODE=PostgreSQL included) and speaks its own SQL.
        if (lower.equals("h2")) {
            return Optional.of(Dialect.H2);
        }
        // MySQL's driver calls a MariaDB server "MySQL"; MariaDB's driver calls a MySQL server "MySQL" too.
        if (lower.equals("mysql") || lower.equals("mariadb")) {
            return Optional.of(Dialect.MYSQL);
        }
        return Optional.empty();
    }

    /**
     * Whether this is MariaDB rather than MySQL, whichever driver reports it: MySQL's driver names a MariaDB server
     * "MySQL", with a version such as {@code 5.5.5-10.11.6-MariaDB}.
     */
    private boolean mariadb() {
        return name.equalsIgnoreCase("mariadb") || version.toLowerCase(Locale.ROOT).contains("mariadb");
    }

    /**
     * Older than the first version with every feature the MySQL dialect uses ({@code FOR UPDATE SKIP LOCKED}). A
     * version text that does not start with major.minor (a proxy's own) is let through. A MariaDB server's
     * {@code 5.5.5-} compatibility prefix is skipped.
     */
    private boolean oldMysql() {
        String v = version;
        if (mariadb() && v.startsWith("5.5.5-")) {
            v = v.substring("5.5.5-".length());
        }
        Matcher m = MAJOR_MINOR.matcher(v);
        if (!m.lookingAt()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int minMajor = mariadb() ? 10 : 8;
        int minMinor = mariadb() ? 6 : 0;
        return major < minMajor || (major == minMajor && minor < minMinor);
    }

    /**
     * The dialect of this product, or a rejection that names the databases the store runs on.
     *
     * @return the dialect
     * @throws ValidationException on {@code dataSource} for a database the store does not support
     */
    public Dialect requireSupported() {
        Dialect dialect = dialect().orElseThrow(() -> ValidationException.of("dataSource", "the DataSource is " + this
                + "; Learnloop's JDBC store runs on PostgreSQL (Dialect.POSTGRESQL), MySQL 8.0+ and MariaDB 10.6+ "
                + "(Dialect.MYSQL) and H2 (Dialect.H2). Point the DataSource at one of those"));
        if (dialect == Dialect.MYSQL && oldMysql()) {
            throw ValidationException.of("dataSource", "the DataSource is " + this + "; Learnloop's JDBC store runs on "
                    + (mariadb() ? "MariaDB 10.6" : "MySQL 8.0") + " or newer (it claims rows with FOR UPDATE SKIP "
                    + "LOCKED). Upgrade the server");
        }
        return dialect;
    }

    /**
     * Throws unless {@code expected} is this product's dialect.
     *
     * @param expected the dialect the host named
     * @throws ValidationException on {@code dialect}, naming the dialect to use, or on {@code dataSource} for a
     *                             database the store does not support
     */
    public void requireDialect(Dialect expected) {
        Dialect actual = requireSupported();
        if (actual != expected) {
            throw ValidationException.of("dialect", "the DataSource is " + this + ", not " + expected
                    + "; use Dialect." + actual + " (or Dialect.detect(dataSource))");
        }
    }

    @Override
    public String toString() {
        return version.isEmpty() ? name : name + " " + version;
    }
}
