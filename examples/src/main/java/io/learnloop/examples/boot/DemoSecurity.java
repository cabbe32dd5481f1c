package io.learnloop.examples.boot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * DEMO ONLY: who the caller is, by HTTP Basic against two learners kept in memory with their passwords in the code
 * ({@value #MEI} / {@value #MEI_PASSWORD} and {@value #TOM} / {@value #TOM_PASSWORD}). A real host signs its users in
 * its own way (sessions, OAuth 2 bearer tokens); the starter's {@code ActorMapper} turns whichever principal Spring
 * Security authenticated into the Learnloop actor, here a learner named after the user.
 *
 * <p>Every path is open: the HTTP API itself answers 401 on the routes that need a caller and checks roles and
 * ownership, and the webhook endpoints authenticate each delivery by its signature. Without cookies there is no
 * session to forge, so CSRF protection is off.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@Configuration(proxyBeanMethods = false)
public class DemoSecurity {
    /** A demo learner. */
    public static final String MEI = "mei";
    /** Her demo password. */
    public static final String MEI_PASSWORD = "mei-demo-password";
    /** Another demo learner. */
    public static final String TOM = "tom";
    /** His demo password. */
    public static final String TOM_PASSWORD = "tom-demo-password";

    /** Created by Spring. */
    public DemoSecurity() {
    }

    @Bean
    UserDetailsService demoLearners() {
        return new InMemoryUserDetailsManager(
                User.withUsername(MEI).password("{noop}" + MEI_PASSWORD).authorities(new String[0]).build(),
                User.withUsername(TOM).password("{noop}" + TOM_PASSWORD).authorities(new String[0]).build());
    }

    @Bean
    SecurityFilterChain demoSignIn(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }
}
