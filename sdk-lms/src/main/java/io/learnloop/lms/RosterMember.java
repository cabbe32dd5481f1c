package io.learnloop.lms;

import java.util.List;

/**
 * One member of an LMS course section, as Names and Role Provisioning Services lists it.
 *
 * <p>Thread-safe: immutable record. {@link #toString()} leaves out the name.
 *
 * @param userId the member's user id at the platform (the {@code sub} of their launches)
 * @param roles  their roles in the context (copied)
 * @param status {@code Active}, {@code Inactive} or {@code Deleted}
 * @param name   their display name if the platform shares it, or null; for display only, never to identify them
 */
public record RosterMember(String userId, List<String> roles, String status, String name) {
    /**
     * Copies the roles.
     *
     * @param userId the user id
     * @param roles  the roles
     * @param status the status
     * @param name   the name
     */
    public RosterMember {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /**
     * Whether the member is an active learner of the section (NRPS lists short role names such as {@code Learner}
     * as well as full LIS role URIs).
     *
     * @return true for an active learner
     */
    public boolean isActiveLearner() {
        return !"Inactive".equals(status) && !"Deleted".equals(status)
                && roles.stream().anyMatch(r -> r.equals("Learner") || r.endsWith("membership#Learner"));
    }

    @Override
    public String toString() {
        return "RosterMember[userId=" + userId + ", roles=" + roles + ", status=" + status + "]";
    }
}
