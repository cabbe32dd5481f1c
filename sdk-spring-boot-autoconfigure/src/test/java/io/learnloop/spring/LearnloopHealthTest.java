package io.learnloop.spring;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.spring.autoconfigure.LearnloopAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopHealthAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopPaymentsAutoConfiguration;
import io.learnloop.spring.internal.OutboxLag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LearnloopHealthTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LearnloopAutoConfiguration.class,
                    LearnloopPaymentsAutoConfiguration.class, LearnloopHealthAutoConfiguration.class))
            .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void storeHealth_whenDatabaseReachableAndMigrated_isUp() {
        DataSource ds = TestShop.h2();
        runner.withBean(DataSource.class, () -> ds).run(context -> {
            Health health = context.getBean("learnloopStoreHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("dialect", "H2").containsEntry("schema", "current");
        });
    }

    @Test
    void storeHealth_whenDatabaseUnreachable_isDownWithTheReason() {
        SwitchableDataSource ds = new SwitchableDataSource(TestShop.h2());
        runner.withBean(DataSource.class, () -> ds).run(context -> {
            HealthIndicator indicator = context.getBean("learnloopStoreHealthIndicator", HealthIndicator.class);
            ds.unreachable();
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("code", "STORE_UNAVAILABLE");
        });
    }

    @Test
    void storeHealth_whenSchemaBehind_isDown() {
        DataSource ds = TestShop.h2();
        runner.withBean(DataSource.class, () -> ds).run(context -> {
            HealthIndicator indicator = context.getBean("learnloopStoreHealthIndicator", HealthIndicator.class);
            try (var c = ds.getConnection(); var s = c.createStatement()) {
                // a schema another deployment rolled back: the history no longer records the last migration
                s.execute("DELETE FROM \"learnloop_schema_history\" WHERE \"installed_rank\" = "
                        + "(SELECT MAX(\"installed_rank\") FROM \"learnloop_schema_history\")");
            }
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void outboxHealth_whenLastDeliveryLaggedPastThreshold_isDown() {
        DataSource ds = TestShop.h2();
        runner.withBean(DataSource.class, () -> ds).withPropertyValues("learnloop.health.outbox-lag-threshold=2m")
                .run(context -> {
                    HealthIndicator indicator = context.getBean("learnloopOutboxHealthIndicator", HealthIndicator.class);
                    OutboxLag lag = context.getBean(OutboxLag.class);
                    lag.onEvent(event(NOW.minusSeconds(60)));
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                    lag.onEvent(event(NOW.minus(Duration.ofMinutes(10))));
                    Health health = indicator.health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("lag", "PT10M").containsEntry("threshold", "PT2M");
                });
    }

    @Test
    void paymentsHealth_whenProvidersConfigured_listsTheirIdsNeverTheirKeys() {
        DataSource ds = TestShop.h2();
        runner.withBean(DataSource.class, () -> ds).withPropertyValues("learnloop.payments.stripe.api-key=sk_test_health",
                "learnloop.payments.stripe.webhook-secret=whsec_health").run(context -> {
                    Health health = context.getBean("learnloopPaymentsHealthIndicator", HealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("configured", java.util.List.of("stripe"));
                    assertThat(health.toString()).doesNotContain("sk_test_health").doesNotContain("whsec_health");
                });
    }

    private static DomainEvent event(Instant occurredAt) {
        return new DomainEvent("e-" + occurredAt.toEpochMilli(), TenantId.of("default"), "order.paid", "o1", occurredAt,
                Map.of("provider", "stripe"));
    }
}
