package io.learnloop.spring.autoconfigure;

import io.learnloop.spring.ActorMapper;
import io.learnloop.spring.CurrentActor;
import io.learnloop.spring.internal.RoleAuthorityActorMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;

/**
 * Identity from the host, with Spring Security on the class path: the {@link ActorMapper} (replace it with a bean of
 * your own) and {@link CurrentActor}.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration
@ConditionalOnClass(Authentication.class)
public class LearnloopSecurityAutoConfiguration {
    /** Created by Spring. */
    public LearnloopSecurityAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ActorMapper learnloopActorMapper() {
        return new RoleAuthorityActorMapper();
    }

    @Bean
    @ConditionalOnMissingBean
    CurrentActor learnloopCurrentActor(ActorMapper mapper) {
        return new CurrentActor(mapper);
    }
}
