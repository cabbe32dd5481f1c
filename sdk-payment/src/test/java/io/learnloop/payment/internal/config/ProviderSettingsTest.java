package io.learnloop.payment.internal.config;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RejectionReason;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderSettingsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);

    private ProviderSettings settings(Duration tolerance) {
        ProviderSettings.Builder b = ProviderSettings.local(ProviderId.SANDBOX, tolerance);
        b.clock(clock);
        return b.build();
    }

    @Test
    void skew_whenOnEitherBound_acceptsTimestamp() {
        ProviderSettings s = settings(Duration.ofSeconds(300));
        long now = NOW.getEpochSecond();

        assertThat(s.skew(now)).isNull();
        assertThat(s.skew(now - 300)).isNull();
        assertThat(s.skew(now + 300)).isNull();
    }

    @Test
    void skew_whenOneSecondBeyondBound_namesStaleOrFuture() {
        ProviderSettings s = settings(Duration.ofSeconds(300));
        long now = NOW.getEpochSecond();

        assertThat(s.skew(now - 301)).isEqualTo(new TimestampSkew(RejectionReason.STALE_TIMESTAMP, "signed 301 s ago"));
        assertThat(s.skew(now + 301)).isEqualTo(new TimestampSkew(RejectionReason.FUTURE_TIMESTAMP, "signed 301 s in the future"));
    }

    @Test
    void skew_whenTimestampIsAnExtremeLong_namesTheTrueDistance() {
        ProviderSettings s = settings(Duration.ofSeconds(300));
        long now = NOW.getEpochSecond();

        // the distance to Long.MIN_VALUE does not fit in a long; it is told unsigned, never as a negative number
        assertThat(s.skew(Long.MIN_VALUE)).isEqualTo(new TimestampSkew(RejectionReason.STALE_TIMESTAMP,
                "signed " + java.math.BigInteger.valueOf(now).subtract(java.math.BigInteger.valueOf(Long.MIN_VALUE)) + " s ago"));
        assertThat(s.skew(Long.MAX_VALUE)).isEqualTo(new TimestampSkew(RejectionReason.FUTURE_TIMESTAMP,
                "signed " + (Long.MAX_VALUE - now) + " s in the future"));
    }

    @Test
    void skew_whenToleranceIsHuge_neverOverflowsIntoARejection() {
        ProviderSettings s = settings(Duration.ofSeconds(Long.MAX_VALUE));
        long now = NOW.getEpochSecond();

        assertThat(s.skew(now + 1_000_000)).isNull();
        assertThat(s.skew(now - 1_000_000)).isNull();
    }

    @Test
    void skew_whenClockAdvances_readsTheClockEachTime() {
        ProviderSettings s = settings(Duration.ofSeconds(60));
        long signed = NOW.getEpochSecond();

        clock.advance(Duration.ofSeconds(61));

        assertThat(s.skew(signed)).extracting(TimestampSkew::reason).isEqualTo(RejectionReason.STALE_TIMESTAMP);
    }

    @Test
    void checkTolerance_whenZeroNegativeOrMissing_reportsToleranceField() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), null}) {
            ProviderSettings.Builder b = ProviderSettings.local(ProviderId.SANDBOX, Duration.ofMinutes(5));
            b.tolerance(bad);

            assertThatThrownBy(() -> b.checkTolerance(new Validator(), "must be positive, please").throwIfInvalid())
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.fields()).containsExactly("tolerance");
                        assertThat(e.violations().get(0).problem()).isEqualTo("must be positive, please");
                    });
        }
    }

    @Test
    void id_whenNull_isRejectedAtOnce() {
        ProviderSettings.Builder b = ProviderSettings.remote(ProviderId.STRIPE, Duration.ofMinutes(5));

        assertThatThrownBy(() -> b.id(null)).isInstanceOf(NullPointerException.class).hasMessage("id");
    }

    @Test
    void build_whenClockNull_failsNamingTheClock() {
        ProviderSettings.Builder b = ProviderSettings.remote(ProviderId.STRIPE, Duration.ofMinutes(5));
        b.clock(null);

        assertThatThrownBy(b::build).isInstanceOf(NullPointerException.class).hasMessage("clock");
    }

    @Test
    void http_whenRemoteWithGivenClient_returnsThatClient() {
        SharedHttpClient client = SharedHttpClient.builder().sleeper(new RecordingSleeper()).build();
        ProviderSettings.Builder b = ProviderSettings.remote(ProviderId.STRIPE, Duration.ofMinutes(5));
        b.http(client);

        assertThat(b.build().http()).isSameAs(client);
    }

    @Test
    void http_whenRemoteWithoutClient_createsOneOnce() {
        ProviderSettings s = ProviderSettings.remote(ProviderId.ALIPAY, Duration.ofMinutes(15)).build();

        assertThat(s.http()).isNotNull().isSameAs(s.http());
    }

    @Test
    void http_whenLocal_failsBecauseNothingIsCalled() {
        ProviderSettings s = settings(Duration.ofMinutes(5));

        assertThatThrownBy(s::http).isInstanceOf(IllegalStateException.class).hasMessageContaining("makes no HTTP calls");
    }

    @Test
    void build_whenDefaults_keepsProviderIdAndTolerance() {
        ProviderSettings s = ProviderSettings.remote(ProviderId.WECHAT_PAY, Duration.ofMinutes(5)).build();

        assertThat(s.id()).isEqualTo(ProviderId.WECHAT_PAY);
        assertThat(s.tolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.clock()).isNotNull();
    }
}
