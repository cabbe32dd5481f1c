package io.learnloop.core.internal.reputation;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential decay by a half-life: a value recorded at {@code from} is worth {@code value * 2^(-(to - from) / h)}
 * at {@code to}. Because {@code 2^(-a) * 2^(-b) = 2^(-(a + b))}, a sum can be decayed as one number, which is what
 * lets the per-learner summary stand for the whole journal.
 *
 * <p>Thread-safe: stateless.
 */
final class Decay {
    private Decay() {
    }

    /**
     * The half-life in seconds, as the decay functions take it.
     *
     * @param halfLife the half-life
     * @return seconds, with the fraction of a second
     */
    static double seconds(Duration halfLife) {
        return halfLife.getSeconds() + halfLife.getNano() / 1e9;
    }

    /**
     * Decays a value from one instant to another; a later {@code from} than {@code to} leaves it whole.
     *
     * @param value    the value at {@code from}
     * @param from     its instant
     * @param to       the instant wanted
     * @param halfLife the half-life, in seconds
     * @return the value at {@code to}
     */
    static double decay(double value, Instant from, Instant to, double halfLife) {
        if (value == 0 || !to.isAfter(from)) {
            return value;
        }
        Duration elapsed = Duration.between(from, to);
        double seconds = elapsed.getSeconds() + elapsed.getNano() / 1e9;
        return value * Math.pow(2, -seconds / halfLife);
    }

    /** Stands for "never": a threshold of zero or less is never fallen below. */
    static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * The first whole millisecond at which a value decaying from {@code at} is below a threshold: {@code at} itself
     * if it already is, {@link #NEVER} if the threshold is not positive. Solves
     * {@code value * 2^(-t / h) < threshold} for {@code t = h * log2(value / threshold)}, then steps past rounding.
     *
     * @param value     the value at {@code at}
     * @param at        its instant
     * @param threshold the threshold
     * @param halfLife  the half-life, in seconds
     * @return the instant
     */
    static Instant fallsBelow(double value, Instant at, double threshold, double halfLife) {
        if (threshold <= 0) {
            return NEVER;
        }
        if (value < threshold) {
            return at;
        }
        double seconds = halfLife * (Math.log(value / threshold) / Math.log(2));
        if (seconds > 1e11) {
            return NEVER;
        }
        Instant t = at.plusMillis((long) Math.floor(seconds * 1000));
        while (decay(value, at, t, halfLife) >= threshold) {
            t = t.plusMillis(1);
        }
        return t;
    }
}
