package io.learnloop.spring.internal;

import io.learnloop.core.retention.DataClasses;
import io.learnloop.core.retention.RetentionPolicy;
import io.learnloop.spring.LearnloopProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns {@code learnloop.retention.*} into the facade's {@link RetentionPolicy}, and checks it first so that a bad
 * value fails startup under its property name.
 *
 * <p>Thread-safe: stateless.
 */
public final class RetentionSettings {
    private static final String PREFIX = "learnloop.retention.";

    private RetentionSettings() {
    }

    /**
     * The policy the properties describe: the SDK's defaults, with each class set replaced and each class kept
     * removed.
     *
     * @param retention the checked properties
     * @return the policy
     */
    public static RetentionPolicy policy(LearnloopProperties.Retention retention) {
        RetentionPolicy policy = RetentionPolicy.defaults();
        for (Map.Entry<String, Duration> e : byClass(retention).entrySet()) {
            if (e.getValue() != null) {
                policy = policy.retain(e.getKey(), e.getValue());
            }
        }
        for (String kept : retention.keep()) {
            policy = policy.keep(kept);
        }
        return policy;
    }

    static void check(LearnloopProperties.Retention retention, PropertyProblems p) {
        Map<String, Duration> set = byClass(retention);
        for (Map.Entry<String, Duration> e : set.entrySet()) {
            Duration d = e.getValue();
            if (d != null && d.compareTo(RetentionPolicy.MINIMUM) < 0) {
                p.add(PREFIX + e.getKey(), "set at least 1h (was " + d + "), or list " + e.getKey()
                        + " under learnloop.retention.keep to never prune it");
            }
        }
        for (String kept : retention.keep()) {
            if (!set.containsKey(kept)) {
                p.add(PREFIX + "keep", "lists " + kept + ", which is no data class; use " + String.join(", ",
                        set.keySet()));
            } else if (set.get(kept) != null) {
                p.add(PREFIX + kept, "is set, but " + kept + " is also listed under learnloop.retention.keep;"
                        + " remove one of the two");
            }
        }
    }

    private static Map<String, Duration> byClass(LearnloopProperties.Retention retention) {
        Map<String, Duration> set = new LinkedHashMap<>();
        set.put(DataClasses.OUTBOX, retention.outbox());
        set.put(DataClasses.XAPI_SENT, retention.xapiSent());
        set.put(DataClasses.REST_IDEMPOTENCY, retention.restIdempotency());
        return set;
    }
}
