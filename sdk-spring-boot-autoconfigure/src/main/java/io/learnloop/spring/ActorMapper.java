package io.learnloop.spring;

import io.learnloop.core.identity.Actor;
import org.springframework.security.core.Authentication;

/**
 * Maps Spring Security's authenticated principal to the Learnloop {@link Actor} that services check roles on. The one
 * place where the host's identity meets Learnloop's: define a bean of this type to replace the default.
 *
 * <p>The default mapping: the user id is {@link Authentication#getName()}; every authenticated user is a
 * {@link io.learnloop.core.identity.Role#LEARNER}; an authority {@code ROLE_<ROLE>} or {@code LEARNLOOP_<ROLE>} (for
 * example {@code ROLE_FINANCE}, as {@code hasRole("FINANCE")} checks) adds that Learnloop role; other authorities are
 * ignored.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ActorMapper {
    /**
     * Maps an authenticated principal.
     *
     * @param authentication an authenticated principal, never null
     * @return the actor
     */
    Actor toActor(Authentication authentication);
}
