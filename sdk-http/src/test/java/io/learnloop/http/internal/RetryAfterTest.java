package io.learnloop.http.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void parse_whenSeconds_returnsThem() {
        assertThat(RetryAfter.parse(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void parse_whenHttpDate_returnsTheTimeUntilThenOnTheGivenClock() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:00:12 GMT", NOW)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void parse_whenObsoleteRfc850Date_isReadToo() {
        assertThat(RetryAfter.parse("Sunday, 01-Mar-26 10:01:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void parse_whenDateInThePast_returnsZero() {
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void parse_whenMissingNegativeOrGarbage_returnsNull() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse(" ", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("1.5", NOW)).isNull();
    }

    @Test
    void parse_whenMoreDigitsThanALong_isLongerThanAnyBound() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isGreaterThan(Duration.ofDays(365 * 1000L));
    }
}
