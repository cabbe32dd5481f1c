package io.learnloop.spring;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The identity mapping of docs/spring-boot.md: the host's own {@link ActorMapper} replaces the default. */
@Configuration(proxyBeanMethods = false)
class HostIdentity {
    @Bean
    ActorMapper actorMapper() {
        return authentication -> authentication.getAuthorities().stream()
                .anyMatch(a -> "SCOPE_finance".equals(a.getAuthority()))
                ? Actor.of(authentication.getName(), Role.LEARNER, Role.FINANCE)
                : Actor.learner(authentication.getName());
    }
}
