package io.learnloop.payment.internal.config;

import io.learnloop.core.error.Validator;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RejectionReason;
import io.learnloop.http.SharedHttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What every provider configuration shares: which provider it is, the clock it reads, how far a signed timestamp
 * may lie from that clock and, for providers that call out, the HTTP client. Each public configuration composes
 * one of these and keeps its own public setters, so the public builders stay as they are.
 *
 * <p>Thread-safe: immutable. The {@link Builder} is not thread-safe.
 */
public final class ProviderSettings {
    private final ProviderId id;
    private final Clock clock;
    private final Duration tolerance;
    private final SharedHttpClient http;

    private ProviderSettings(Builder b, SharedHttpClient http) {
        this.id = b.id;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.tolerance = b.tolerance;
        this.http = http;
    }

    /**
     * Starts the settings of a provider that calls the provider's API over HTTP.
     *
     * @param id        the default provider id
     * @param tolerance the default timestamp tolerance
     * @return a builder with the UTC clock and, unless one is set, a new HTTP client
     */
    public static Builder remote(ProviderId id, Duration tolerance) {
        return new Builder(id, tolerance, true);
    }

    /**
     * Starts the settings of a provider that makes no HTTP calls.
     *
     * @param id        the default provider id
     * @param tolerance the default timestamp tolerance
     * @return a builder with the UTC clock
     */
    public static Builder local(ProviderId id, Duration tolerance) {
        return new Builder(id, tolerance, false);
    }

    /**
     * The provider id.
     *
     * @return the id
     */
    public ProviderId id() {
        return id;
    }

    /**
     * The clock.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * How far a signed timestamp may lie in the past or the future.
     *
     * @return the positive tolerance
     */
    public Duration tolerance() {
        return tolerance;
    }

    /**
     * Places a signed timestamp against the clock: it may lie up to the tolerance in the past or the future, the
     * bound itself included.
     *
     * @param epochSecond the signed time, in seconds since the epoch
     * @return null if the timestamp is within the tolerance, otherwise how it is off
     */
    public TimestampSkew skew(long epochSecond) {
        long now = clock.instant().getEpochSecond();
        long seconds = tolerance.getSeconds();
        // The signed value is whatever the sender wrote, Long.MIN_VALUE and Long.MAX_VALUE included: the distance
        // between two longs always fits in an unsigned long, where plain subtraction would overflow.
        if (epochSecond < now && Long.compareUnsigned(now - epochSecond, seconds) > 0) {
            return new TimestampSkew(RejectionReason.STALE_TIMESTAMP,
                    "signed " + Long.toUnsignedString(now - epochSecond) + " s ago");
        }
        if (epochSecond > now && Long.compareUnsigned(epochSecond - now, seconds) > 0) {
            return new TimestampSkew(RejectionReason.FUTURE_TIMESTAMP,
                    "signed " + Long.toUnsignedString(epochSecond - now) + " s in the future");
        }
        return null;
    }

    /**
     * The HTTP client of a remote provider.
     *
     * @return the client
     * @throws IllegalStateException if these are the settings of a provider that makes no HTTP calls
     */
    public SharedHttpClient http() {
        if (http == null) {
            throw new IllegalStateException(id.value() + " makes no HTTP calls");
        }
        return http;
    }

    /**
     * Collects the shared settings behind a configuration's public builder.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private static final String MUST_BE_POSITIVE = "must be positive";

        private final boolean remote;
        private ProviderId id;
        private Duration tolerance;
        private Clock clock = Clock.systemUTC();
        private SharedHttpClient http;

        private Builder(ProviderId id, Duration tolerance, boolean remote) {
            this.id = Objects.requireNonNull(id, "id");
            this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
            this.remote = remote;
        }

        /**
         * Sets the provider id (to configure several accounts of one provider).
         *
         * @param value the id
         * @throws NullPointerException if the id is null
         */
        public void id(ProviderId value) {
            this.id = Objects.requireNonNull(value, "id");
        }

        /**
         * Sets the timestamp tolerance; checked by {@link #checkTolerance(Validator)}.
         *
         * @param value the tolerance
         */
        public void tolerance(Duration value) {
            this.tolerance = value;
        }

        /**
         * Sets the clock; {@link #build()} rejects a null clock.
         *
         * @param value the clock
         */
        public void clock(Clock value) {
            this.clock = value;
        }

        /**
         * Sets the HTTP client; null means a new default client.
         *
         * @param value the client
         */
        public void http(SharedHttpClient value) {
            this.http = value;
        }

        /**
         * Adds the check that the tolerance is positive, reported under the field {@code tolerance}.
         *
         * @param validator the configuration's validator
         * @return the validator
         */
        public Validator checkTolerance(Validator validator) {
            return checkTolerance(validator, MUST_BE_POSITIVE);
        }

        /**
         * Adds the check that the tolerance is positive, with the configuration's own explanation.
         *
         * @param validator the configuration's validator
         * @param problem   what to tell the caller when the tolerance is missing, zero or negative
         * @return the validator
         */
        public Validator checkTolerance(Validator validator, String problem) {
            return validator.check(tolerance != null && !tolerance.isNegative() && !tolerance.isZero(), "tolerance",
                    problem);
        }

        /**
         * Builds the settings; call after the configuration's validator has passed.
         *
         * @return the settings
         * @throws NullPointerException if the clock is null
         */
        public ProviderSettings build() {
            return new ProviderSettings(this, remote ? (http != null ? http : SharedHttpClient.create()) : null);
        }
    }
}
