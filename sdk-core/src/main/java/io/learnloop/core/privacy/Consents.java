package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A learner's standing decisions: the latest one per purpose.
 *
 * <p>Thread-safe: immutable.
 *
 * @param learner whose decisions these are
 * @param latest  the latest decision per purpose; a purpose never decided is absent
 */
public record Consents(UserId learner, Map<ConsentPurpose, ConsentRecord> latest) {
    /**
     * Copies the map.
     */
    public Consents {
        Objects.requireNonNull(learner, "learner");
        latest = latest.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(latest));
    }

    /**
     * Whether the learner allows a purpose now: the latest decision, or the purpose's default when there is none.
     *
     * @param purpose the purpose
     * @return true if allowed
     */
    public boolean allows(ConsentPurpose purpose) {
        ConsentRecord r = latest.get(Objects.requireNonNull(purpose, "purpose"));
        return r == null ? purpose.allowedUntilRefused() : r.decision().granted();
    }

    /**
     * The latest decision about a purpose.
     *
     * @param purpose the purpose
     * @return the decision, or empty if the learner never decided
     */
    public Optional<ConsentRecord> latest(ConsentPurpose purpose) {
        return Optional.ofNullable(latest.get(Objects.requireNonNull(purpose, "purpose")));
    }
}
