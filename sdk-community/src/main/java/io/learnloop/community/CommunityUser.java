package io.learnloop.community;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

/**
 * A host user as the community should know them. The community username is the user id's text, so it must follow
 * Discourse's username rules when the Discourse backend is used.
 *
 * <p>Thread-safe: immutable record. {@link #toString()} leaves out the email address.
 *
 * @param id    the host's user id
 * @param email the email address
 * @param name  the display name, may be null
 */
public record CommunityUser(UserId id, String email, String name) {
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
        return "CommunityUser[id=" + id + ", name=" + name + "]";
    }
}
