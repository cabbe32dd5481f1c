package io.learnloop.lms;

import io.learnloop.core.internal.store.MemoryStoreContents;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStores;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A store a test can read raw: every line of an in-memory store, or every row of every Learnloop table of an H2
 * database (aggregates with their JSON bodies, index entries, unique keys, outbox events). What a scan for a
 * learner's id reads.
 */
final class RawStore {
    /** The stores a personal-data test runs on. */
    enum Kind {
        MEMORY, H2
    }

    private static final List<String> TABLES = List.of(
            "SELECT type, id, body FROM learnloop_aggregate",
            "SELECT type, index_name, index_key, position_key FROM learnloop_index_entry",
            "SELECT type, key_name, key_value, id FROM learnloop_unique_key",
            "SELECT event_type, aggregate_id, body FROM learnloop_outbox");

    final Store store;
    private final UrlH2 h2;

    private RawStore(Store store, UrlH2 h2) {
        this.store = store;
        this.h2 = h2;
    }

    static RawStore open(Kind kind) {
        if (kind == Kind.MEMORY) {
            return new RawStore(Stores.inMemory(), null);
        }
        UrlH2 ds = new UrlH2("jdbc:h2:mem:pd-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcStores.migrate(ds, Dialect.H2);
        return new RawStore(JdbcStores.open(ds, Dialect.H2), ds);
    }

    /** Every line or row of the store that holds the text. */
    List<String> holding(String text) {
        return lines().stream().filter(l -> l.contains(text)).toList();
    }

    List<String> lines() {
        if (h2 == null) {
            return MemoryStoreContents.of(store);
        }
        List<String> out = new ArrayList<>();
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            for (String sql : TABLES) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            line.append(rs.getString(i)).append(' ');
                        }
                        out.add(line.toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** A data source that opens a driver connection per call. */
    private record UrlH2(String url) implements javax.sql.DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return java.sql.DriverManager.getConnection(url, "sa", "");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return java.sql.DriverManager.getConnection(url, user, password);
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
            // no logging
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // driver default
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            throw new java.sql.SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
