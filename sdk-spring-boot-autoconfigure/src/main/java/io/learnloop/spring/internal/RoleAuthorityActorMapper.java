package io.learnloop.spring.internal;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.spring.ActorMapper;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The default {@link ActorMapper}: the principal's name, LEARNER, and the role of each {@code ROLE_<ROLE>} or
 * {@code LEARNLOOP_<ROLE>} authority.
 *
 * <p>Thread-safe: stateless.
 */
public final class RoleAuthorityActorMapper implements ActorMapper {
    private static final String[] PREFIXES = {"ROLE_", "LEARNLOOP_"};

    /** Creates the mapper. */
    public RoleAuthorityActorMapper() {
    }

    @Override
    public Actor toActor(Authentication authentication) {
        Set<Role> roles = EnumSet.of(Role.LEARNER);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name == null) {
                continue;
            }
            for (String prefix : PREFIXES) {
                if (name.startsWith(prefix)) {
                    role(name.substring(prefix.length())).ifPresent(roles::add);
                }
            }
        }
        return new Actor(UserId.of(authentication.getName()), roles);
    }

    private static java.util.Optional<Role> role(String name) {
        try {
            return java.util.Optional.of(Role.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
