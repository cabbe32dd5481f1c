package io.learnloop.core.privacy;

import io.learnloop.core.error.Validator;

/**
 * A learner's decision about one purpose, as a host's form or settings page collected it.
 *
 * <p>Thread-safe: immutable.
 *
 * @param purpose  what the decision is about
 * @param granted  whether the learner agreed
 * @param version  the version of the text the learner saw (terms "2026-03", a privacy notice "v7"); required
 * @param source   where the decision was taken ("signup-form", "settings", "mini-program"); required
 */
public record ConsentDecision(ConsentPurpose purpose, boolean granted, String version, String source) {
    /** Longest version and source accepted. */
    public static final int MAX_TEXT = 128;

    /**
     * Validates the decision.
     *
     * @throws io.learnloop.core.error.ValidationException naming each field to fix
     */
    public ConsentDecision {
        new Validator().notNull("purpose", purpose).notBlank("version", version, MAX_TEXT)
                .notBlank("source", source, MAX_TEXT).throwIfInvalid();
    }

    /**
     * An agreement.
     *
     * @param purpose what is agreed to
     * @param version the version of the text shown
     * @param source  where the learner agreed
     * @return the decision
     */
    public static ConsentDecision grant(ConsentPurpose purpose, String version, String source) {
        return new ConsentDecision(purpose, true, version, source);
    }

    /**
     * A refusal, or the withdrawal of an earlier agreement.
     *
     * @param purpose what is refused
     * @param version the version of the text shown
     * @param source  where the learner refused
     * @return the decision
     */
    public static ConsentDecision refuse(ConsentPurpose purpose, String version, String source) {
        return new ConsentDecision(purpose, false, version, source);
    }
}
