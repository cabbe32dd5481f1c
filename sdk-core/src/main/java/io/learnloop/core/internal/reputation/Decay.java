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
}
