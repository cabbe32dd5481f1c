package io.learnloop.core.retention;

import io.learnloop.core.error.ValidationException;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How long each data class is kept before the daily retention job of {@code Learnloop.runScheduledJobs()} deletes
 * it, or that it is kept for good. Set with {@code Learnloop.Builder.retention}.
 *
 * <p>The {@linkplain #defaults() defaults}: delivered outbox events 7 days, xAPI statements an LRS accepted 30 days,
 * stored responses of HTTP idempotency keys 7 days. A data class the policy does not name is kept. Payment
 * provider notification records ({@link DataClasses#PAYMENT_NOTIFICATIONS}) are kept unless the host names them:
 * their pruner strips what they say and keeps the key that recognises a late redelivery (the webhook's body itself
 * is not stored). The ledger, orders,
 * access grants, the audit log, certificates and learning progress have no pruner either: they are records of what
 * happened, not operational copies.
 *
 * <pre>{@code
 * RetentionPolicy policy = RetentionPolicy.defaults()
 *     .retain(DataClasses.XAPI_SENT, Duration.ofDays(90))
 *     .keep(DataClasses.REST_IDEMPOTENCY);
 * }</pre>
 *
 * <p>Thread-safe: immutable.
 */
public final class RetentionPolicy {
    /** The shortest retention: one hour. */
    public static final Duration MINIMUM = Duration.ofHours(1);

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final RetentionPolicy DEFAULTS = new RetentionPolicy(Map.of(
            DataClasses.OUTBOX, Duration.ofDays(7),
            DataClasses.XAPI_SENT, Duration.ofDays(30),
            DataClasses.REST_IDEMPOTENCY, Duration.ofDays(7)));

    /** Retention by data class; a class absent is kept. */
    private final Map<String, Duration> retentions;

    private RetentionPolicy(Map<String, Duration> retentions) {
        this.retentions = Collections.unmodifiableMap(new TreeMap<>(retentions));
    }

    /**
     * The default policy (see the type's description).
     *
     * @return the policy
     */
    public static RetentionPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A policy that keeps every data class: nothing is pruned.
     *
     * @return the policy
     */
    public static RetentionPolicy keepAll() {
        return new RetentionPolicy(Map.of());
    }

    /**
     * This policy with a data class deleted once it is older than {@code retention}.
     *
     * @param dataClass the data class (see {@link DataClasses})
     * @param retention how long it is kept, at least {@link #MINIMUM}
     * @return the new policy
     * @throws ValidationException if the name or the retention is invalid
     */
    public RetentionPolicy retain(String dataClass, Duration retention) {
        checkName(dataClass);
        if (retention == null || retention.compareTo(MINIMUM) < 0) {
            throw ValidationException.of("retention." + dataClass,
                    "must be at least one hour (was " + retention + "); use keep() to never prune");
        }
        Map<String, Duration> next = new TreeMap<>(retentions);
        next.put(dataClass, retention);
        return new RetentionPolicy(next);
    }

    /**
     * This policy with a data class kept for good.
     *
     * @param dataClass the data class (see {@link DataClasses})
     * @return the new policy
     * @throws ValidationException if the name is invalid
     */
    public RetentionPolicy keep(String dataClass) {
        checkName(dataClass);
        Map<String, Duration> next = new TreeMap<>(retentions);
        next.remove(dataClass);
        return new RetentionPolicy(next);
    }

    /**
     * How long a data class is kept.
     *
     * @param dataClass the data class
     * @return the retention, or empty if the class is kept for good
     */
    public Optional<Duration> retentionOf(String dataClass) {
        return Optional.ofNullable(retentions.get(Objects.requireNonNull(dataClass, "dataClass")));
    }

    /**
     * The retention of every data class that is pruned.
     *
     * @return retentions by data class, in name order; unmodifiable
     */
    public Map<String, Duration> retentions() {
        return retentions;
    }

    static void checkName(String dataClass) {
        if (dataClass == null || !NAME.matcher(dataClass).matches()) {
            throw ValidationException.of("dataClass",
                    "must be lower-case letters, digits and single hyphens, like \"xapi-sent\" (was " + dataClass + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionPolicy p && p.retentions.equals(retentions);
    }

    @Override
    public int hashCode() {
        return retentions.hashCode();
    }

    @Override
    public String toString() {
        return "RetentionPolicy" + retentions;
    }
}
