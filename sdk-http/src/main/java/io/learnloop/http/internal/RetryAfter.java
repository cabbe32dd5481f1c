package io.learnloop.http.internal;

import okhttp3.Headers;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Reads a {@code Retry-After} value: delay-seconds or an HTTP date (RFC 9110 section 10.2.3), the latter against
 * the caller's clock so tests are exact.
 *
 * <p>Thread-safe: stateless.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * Parses a {@code Retry-After} value.
     *
     * @param value the header value, may be null
     * @param now   the current time
     * @return the wait (zero for a date in the past), or null when the value is missing or unreadable
     */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            // More digits than a long holds still means "much longer than any bound".
            return v.length() > 18 ? Duration.ofSeconds(Long.MAX_VALUE) : Duration.ofSeconds(Long.parseLong(v));
        }
        // okhttp's reader accepts the IMF-fixdate and the two obsolete forms a peer may still send.
        Date date = Headers.of("Retry-After", v).getDate("Retry-After");
        if (date == null) {
            return null;
        }
        Duration d = Duration.between(now, date.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Reads the {@code Retry-After} header of a response.
     *
     * @param response the response
     * @param now      the current time
     * @return the wait, or null
     */
    public static Duration of(HttpResponse response, Instant now) {
        return parse(response.header("Retry-After"), now);
    }
}
