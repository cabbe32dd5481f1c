package io.learnloop.community;

import io.learnloop.core.internal.store.MemoryStoreContents;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStores;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The stores personal-data tests run on, each with a scan of everything it keeps as raw text. */
enum TestStores {
    MEMORY, H2;

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** A store and the scan of its raw contents: every document, index key, unique key and outbox event. */
    record Opened(Store store, Supplier<List<String>> contents) {
        /** The lines of the raw contents holding a text. */
        List<String> holding(String text) {
            return contents.get().stream().filter(line -> line.contains(text)).toList();
        }
    }

    Opened open() {
        if (this == MEMORY) {
            Store store = Stores.inMemory();
            return new Opened(store, () -> MemoryStoreContents.of(store));
        }
        DataSource h2 = new H2Memory("jdbc:h2:mem:community_" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        JdbcStores.migrate(h2, Dialect.H2);
        return new Opened(JdbcStores.open(h2, Dialect.H2), () -> rows(h2));
    }

    /** Every row of every table, a line per row with each column as text. */
    private static List<String> rows(DataSource dataSource) {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            line.append(" | ").append(rs.getString(i));
                        }
                        lines.add(line.toString());
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables in schema " + c.getSchema());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    /** A connection per unit of work to one in-memory H2 database, which lives until the JVM ends. */
    record H2Memory(String url) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, "sa", "");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // nothing is logged
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the in-memory database answers at once
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
