package io.learnloop.examples.storefront;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static String cookieValue(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    @Test
    void read_whenSessionHasExpired_isEmpty() {
        HandClock clock = new HandClock();
        Sessions sessions = new Sessions(KEY, clock, Duration.ofHours(8), new SecureRandom());
        String cookie = cookieValue(sessions.setCookie(sessions.signedIn("alice")));

        clock.now = clock.now.plus(Duration.ofHours(8)).minusSeconds(1);
        assertThat(sessions.read(cookie)).map(Session::learner).contains("alice");
        clock.now = clock.now.plusSeconds(1);
        assertThat(sessions.read(cookie)).isEmpty();
    }

    @Test
    void read_whenSignedWithAnotherKey_isEmpty() {
        HandClock clock = new HandClock();
        Sessions ours = new Sessions(KEY, clock, Duration.ofHours(8), new SecureRandom());
        byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
        otherKey[0] ^= 1;
        Sessions theirs = new Sessions(otherKey, clock, Duration.ofHours(8), new SecureRandom());
        String cookie = cookieValue(theirs.setCookie(theirs.signedIn("alice")));
        assertThat(ours.read(cookie)).isEmpty();
        assertThat(ours.read(null)).isEmpty();
        assertThat(ours.read("not a cookie")).isEmpty();
        assertThat(ours.read("%%%.%%%")).isEmpty();
    }

    @Test
    void formToken_belongsToOneSessionOnly() {
        Sessions sessions = new Sessions(KEY, new HandClock(), Duration.ofHours(8), new SecureRandom());
        Session a = sessions.anonymous();
        Session b = sessions.signedIn("alice");
        assertThat(sessions.formTokenValid(a, sessions.formToken(a))).isTrue();
        assertThat(sessions.formTokenValid(a, sessions.formToken(b))).isFalse();
        assertThat(sessions.formTokenValid(a, null)).isFalse();
        assertThat(sessions.formTokenValid(a, "")).isFalse();
    }
}
