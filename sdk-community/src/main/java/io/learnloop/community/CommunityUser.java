package io.learnloop.community;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;

import java.util.EnumSet;
import java.util.Set;

/**
 * A host user as the community should know them. On Discourse the account is matched by the host user id
 * ({@code external_id}); its username is derived from the id (see {@link DiscourseUsernames}), and its staff rights
 * follow the host roles: {@link Role#MODERATOR} makes a Discourse moderator, {@link Role#ADMIN} a Discourse admin,
 * and without them a synced user is neither (so a demotion in the host demotes in Discourse too).
 *
 * <p>Thread-safe: immutable record. {@link #toString()} leaves out the email address.
 *
 * @param id    the host's user id
 * @param email the email address
 * @param name  the display name, may be null
 * @param roles the host roles (copied; null means none)
 */
public record CommunityUser(UserId id, String email, String name, Set<Role> roles) {
    /**
     * Copies the roles.
     *
     * @param id    the host's user id
     * @param email the email address
     * @param name  the display name
     * @param roles the host roles
     */
    public CommunityUser {
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * A user without host roles, such as a learner. Syncing such a user takes away Discourse moderator and admin
     * rights; pass the roles for staff.
     *
     * @param id    the host's user id
     * @param email the email address
     * @param name  the display name, may be null
     */
    public CommunityUser(UserId id, String email, String name) {
        this(id, email, name, Set.of());
    }

    /**
     * Checks every field.
     *
     * @throws io.learnloop.core.error.ValidationException naming each bad field
     */
    public void validate() {
        new Validator()
                .notNull("id", id)
                .check(email != null && email.matches("[^@\\s]+@[^@\\s]+"), "email", "must be an email address")
                .maxLength("name", name, 255)
                .throwIfInvalid();
    }

    @Override
    public String toString() {
        return "CommunityUser[id=" + id + ", name=" + name + ", roles=" + roles + "]";
    }
}
