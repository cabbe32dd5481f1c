package io.learnloop.spring;

import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.spring.autoconfigure.LearnloopSecurityAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorMappingTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LearnloopSecurityAutoConfiguration.class));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static void signIn(String name, String... authorities) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, "n/a",
                AuthorityUtils.createAuthorityList(authorities)));
    }

    @Test
    void currentActor_whenSignedInWithRoles_mapsNameAndLearnloopRoles() {
        runner.run(context -> {
            signIn("lena", "ROLE_FINANCE", "LEARNLOOP_CREATOR", "ROLE_SOMETHING_ELSE", "SCOPE_read");
            Actor actor = context.getBean(CurrentActor.class).get();
            assertThat(actor.id().value()).isEqualTo("lena");
            assertThat(actor.roles()).containsExactlyInAnyOrder(Role.LEARNER, Role.FINANCE, Role.CREATOR);
        });
    }

    @Test
    void currentActor_whenNobodySignedIn_isForbiddenSayingToSignIn() {
        runner.run(context -> {
            CurrentActor current = context.getBean(CurrentActor.class);
            assertThatThrownBy(current::get).isInstanceOf(ForbiddenException.class).hasMessageContaining("sign in");
            SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                    AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
            assertThatThrownBy(current::get).isInstanceOf(ForbiddenException.class);
        });
    }

    @Test
    void currentActor_whenHostDefinesMapper_usesIt() {
        ActorMapper own = auth -> Actor.of("tenant-a:" + auth.getName(), Role.ADMIN);
        runner.withBean(ActorMapper.class, () -> own).run(context -> {
            signIn("root");
            assertThat(context.getBean(ActorMapper.class)).isSameAs(own);
            assertThat(context.getBean(CurrentActor.class).get()).isEqualTo(Actor.of("tenant-a:root", Role.ADMIN));
        });
    }
}
