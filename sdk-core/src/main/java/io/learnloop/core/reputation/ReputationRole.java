package io.learnloop.core.reputation;

import io.learnloop.core.error.Validator;

/**
 * A role a learner holds while their reputation stays at or above its {@link RoleThreshold}, for example
 * {@link #COMMUNITY_MENTOR}. It is an entitlement the host reads ({@link ReputationService#hasRole}) when it decides
 * what a learner may do, for example giving a mentor the community's moderator tools; it is not an
 * {@link io.learnloop.core.identity.Role}, which the host assigns.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param name lower-case letters, digits and hyphens, 1 to 64 characters
 */
public record ReputationRole(String name) {
    /** A learner whose help the community trusts. */
    public static final ReputationRole COMMUNITY_MENTOR = new ReputationRole("community-mentor");

    /**
     * Validates the name.
     *
     * @param name the name
     */
    public ReputationRole {
        new Validator().notBlank("role", name, 64)
                .check(name == null || name.matches("[a-z0-9-]+"), "role", "must be lower-case letters, digits and '-'")
                .throwIfInvalid();
    }

    @Override
    public String toString() {
        return name;
    }
}
