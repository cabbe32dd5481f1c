package io.learnloop.http;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void defaults_whenRead_allowThreeAttemptsWithBoundedWaits() {
        RetryPolicy p = RetryPolicy.defaults();

        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.maxTotalWait()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void constructor_whenEverythingIsWrong_namesEveryField() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(-1), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fields()).containsExactly("maxAttempts", "initialBackoff", "maxBackoff",
                            "maxRetryAfter", "maxTotalWait");
                    assertThat(e.getMessage()).contains("must be 1 (never retry) to 10 (was 0)");
                });
    }

    @Test
    void withMaxAttempts_whenEleven_isRejected() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(11))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("maxAttempts"));
    }

    @Test
    void withBackoff_whenMaxBelowInitial_isRejected() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("maxBackoff"));
    }

    @Test
    void withCopies_whenChained_changeOnlyTheirField() {
        RetryPolicy p = RetryPolicy.defaults().withMaxAttempts(1).withMaxRetryAfter(Duration.ZERO)
                .withMaxTotalWait(Duration.ofSeconds(1)).withBackoff(Duration.ofMillis(10), Duration.ofMillis(20));

        assertThat(p).isEqualTo(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ZERO,
                Duration.ofSeconds(1)));
    }
}
