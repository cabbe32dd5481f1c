package io.learnloop.recommend;

import io.learnloop.core.error.Validator;

import java.util.Set;

/**
 * What the business rules need to know about a learner beyond the interaction history: the courses the learner
 * owns (from the access ledger), has had refunded, and has dismissed ("not interested").
 *
 * <p>Thread-safe: immutable record.
 *
 * @param learnerId the learner, non-blank
 * @param owned     courses the learner holds, copied
 * @param refunded  courses refunded to the learner, copied
 * @param dismissed courses the learner dismissed, copied
 */
public record LearnerContext(String learnerId, Set<String> owned, Set<String> refunded, Set<String> dismissed) {
    /**
     * Validates and copies; null sets become empty.
     *
     * @param learnerId the learner
     * @param owned     owned courses
     * @param refunded  refunded courses
     * @param dismissed dismissed courses
     */
    public LearnerContext {
        new Validator().notBlank("learnerId", learnerId, 200).throwIfInvalid();
        owned = owned == null ? Set.of() : Set.copyOf(owned);
        refunded = refunded == null ? Set.of() : Set.copyOf(refunded);
        dismissed = dismissed == null ? Set.of() : Set.copyOf(dismissed);
    }

    /**
     * A learner known only by id (ownership then comes from the interaction history alone).
     *
     * @param learnerId the learner
     * @return the context
     */
    public static LearnerContext of(String learnerId) {
        return new LearnerContext(learnerId, Set.of(), Set.of(), Set.of());
    }
}
