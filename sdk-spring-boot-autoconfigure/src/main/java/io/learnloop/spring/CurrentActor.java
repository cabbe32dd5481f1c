package io.learnloop.spring;

import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Objects;

/**
 * The {@link Actor} of the current request, from Spring Security's context through the {@link ActorMapper}:
 * {@code payments.checkout(currentActor.get(), request)}.
 *
 * <p>Thread-safe: reads the calling thread's security context.
 */
public final class CurrentActor {
    private final ActorMapper mapper;

    /**
     * Creates the accessor.
     *
     * @param mapper the mapper
     */
    public CurrentActor(ActorMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The actor of the authenticated principal of this thread.
     *
     * @return the actor
     * @throws ForbiddenException if no one is authenticated (anonymous included)
     */
    public Actor get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            throw new ForbiddenException("no authenticated user: sign in first (Spring Security found no principal)");
        }
        return mapper.toActor(auth);
    }

    @Override
    public String toString() {
        return "CurrentActor[mapper=" + mapper.getClass().getSimpleName() + "]";
    }
}
