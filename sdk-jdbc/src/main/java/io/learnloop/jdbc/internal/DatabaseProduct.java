package io.learnloop.jdbc.internal;

import io.learnloop.core.error.ValidationException;
import io.learnloop.jdbc.Dialect;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

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
        return Optional.empty();
    }

    /**
     * The dialect of this product, or a rejection that names the databases the store runs on.
     *
     * @return the dialect
     * @throws ValidationException on {@code dataSource} for a database the store does not support
     */
    public Dialect requireSupported() {
        return dialect().orElseThrow(() -> ValidationException.of("dataSource", "the DataSource is " + this
                + "; Learnloop's JDBC store runs on PostgreSQL (Dialect.POSTGRESQL) and H2 (Dialect.H2). Point the "
                + "DataSource at one of those"));
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
