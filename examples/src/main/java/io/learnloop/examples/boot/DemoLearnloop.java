package io.learnloop.examples.boot;

import io.learnloop.community.CommunityOptions;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.spring.LearnloopBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;

/**
 * What only the host knows, added to the starter's beans: certificates with the issuer's signing key, who may read a
 * course's community space, and which offers a course page lists.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@Configuration(proxyBeanMethods = false)
public class DemoLearnloop {
    /** Created by Spring. */
    public DemoLearnloop() {
    }

    /**
     * Certificates, signed with an ES256 key made at each start. DEMO ONLY: a real issuer keeps its key in a key
     * store or secret manager, so certificates issued before a restart still verify after it.
     *
     * @return the customizer
     */
    @Bean
    LearnloopBuilderCustomizer demoCertificates() {
        SigningKey key;
        try {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            key = SigningKey.of("boot-demo-es256", ec.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make an EC P-256 key", e);
        }
        CertificatePolicy policy = CertificatePolicy.defaults(new IssuerProfile("https://learnloop.example/boot-demo",
                "Learnloop Boot Demo Academy"));
        return builder -> builder.certificates(policy, key);
    }

    /**
     * The embedded community: a course space is open to the learners the access ledger entitles to the course.
     *
     * @param learnloop the facade
     * @param clock     the clock
     * @return the options
     */
    @Bean
    CommunityOptions demoCommunityOptions(Learnloop learnloop, Clock clock) {
        return CommunityOptions.builder((user, courseId) -> learnloop.access().hasAccess(user, CourseId.of(courseId),
                clock.instant())).catalog(learnloop.catalog()).build();
    }
}
