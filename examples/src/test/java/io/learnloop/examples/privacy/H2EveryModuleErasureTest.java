package io.learnloop.examples.privacy;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.jdbc.Dialect;

import java.util.concurrent.atomic.AtomicInteger;

/** The every-module erasure test on H2. */
class H2EveryModuleErasureTest extends JdbcEveryModuleErasureTest {
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    protected HikariDataSource newDatabase() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:every_module_" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        pool.setUsername("sa");
        pool.setPassword("");
        pool.setMaximumPoolSize(4);
        return pool;
    }

    @Override
    protected Dialect dialect() {
        return Dialect.H2;
    }
}
