package io.learnloop.http.internal;

import io.learnloop.http.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private final RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofMillis(500), Duration.ofSeconds(5));

    @Test
    void ceiling_whenRetriesGrow_doublesUpToTheCap() {
        Backoff backoff = new Backoff(policy);

        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(4000));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void delay_whenRandomAtItsBounds_spansZeroToTheCeiling() {
        assertThat(new Backoff(policy, () -> 0.0).delay(3)).isEqualTo(Duration.ZERO);
        assertThat(new Backoff(policy, () -> 0.5).delay(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(new Backoff(policy, () -> 0.9999).delay(3)).isBetween(Duration.ofMillis(1999), Duration.ofMillis(2000));
    }

    @Test
    void delay_whenDrawnOften_staysWithinTheCeiling() {
        Backoff backoff = new Backoff(policy);
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.delay(2)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
        }
    }
}
