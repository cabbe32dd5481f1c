package io.learnloop.core.identity;

import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling: the host's user id and the roles the host has given that user. Services check the roles on
 * every operation that needs one; {@link Role#ADMIN} passes every role check.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id    the user
 * @param roles the user's roles (copied)
 */
public record Actor(UserId id, Set<Role> roles) {
    /**
     * Validates and copies.
     *
     * @param id    the user
     * @param roles the roles
     */
    public Actor {
        if (id == null) {
            throw ValidationException.of("actor.id", "is required");
        }
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * Creates an actor.
     *
     * @param id    the user id
     * @param roles the roles
     * @return the actor
     */
    public static Actor of(String id, Role... roles) {
        return new Actor(new UserId(id), roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles));
    }

    /**
     * Creates a plain learner.
     *
     * @param id the user id
     * @return the actor
     */
    public static Actor learner(String id) {
        return of(id, Role.LEARNER);
    }

    /**
     * Whether the actor holds the role (admins hold every role).
     *
     * @param role the role
     * @return true if held
     */
    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    /**
     * Throws unless the actor holds the role.
     *
     * @param role      the role needed
     * @param operation what the actor tried to do, for the message
     * @throws ForbiddenException if the role is missing
     */
    public void require(Role role, String operation) {
        if (!has(role)) {
            throw new ForbiddenException("User '" + id + "' needs the role " + role + " to " + operation + ".");
        }
    }
}
