package io.learnloop.spring.autoconfigure;

import io.learnloop.community.Communities;
import io.learnloop.community.PostsOnErasure;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.retention.RetentionPolicy;
import io.learnloop.core.retention.RetentionPruner;
import io.learnloop.lms.LtiTools;
import io.learnloop.payment.Payments;
import io.learnloop.rest.RestApi;
import io.learnloop.rest.RestRetention;
import io.learnloop.spring.internal.CheckedProperties;
import io.learnloop.spring.internal.RetentionSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Personal data and retention: the {@link RetentionPolicy} from {@code learnloop.retention.*}, and the erasure step
 * ({@link PersonalDataEraser}) and retention pruner ({@link RetentionPruner}) of each module on the class path, as
 * beans the facade registers (with every other such bean of the host's). Each is replaced by a bean of the host's
 * under the same name ({@code learnloopRetentionPolicy} by any {@link RetentionPolicy} bean).
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(before = LearnloopAutoConfiguration.class)
public class LearnloopPrivacyAutoConfiguration {
    /** Created by Spring. */
    public LearnloopPrivacyAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    RetentionPolicy learnloopRetentionPolicy(CheckedProperties properties) {
        return RetentionSettings.policy(properties.get().retention());
    }

    @Bean
    @ConditionalOnMissingBean(name = "learnloopPaymentsPersonalDataEraser")
    PersonalDataEraser learnloopPaymentsPersonalDataEraser() {
        return Payments.personalDataEraser();
    }

    /** The embedded community's step, as {@code learnloop.privacy.posts-on-erasure} says. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Communities.class)
    static class CommunityPrivacy {
        @Bean
        @ConditionalOnMissingBean(name = "learnloopCommunityPersonalDataEraser")
        PersonalDataEraser learnloopCommunityPersonalDataEraser(CheckedProperties properties) {
            return Communities.personalDataEraser(
                    PostsOnErasure.valueOf(properties.get().privacy().postsOnErasure().name()));
        }
    }

    /** LTI's step. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LtiTools.class)
    static class LmsPrivacy {
        @Bean
        @ConditionalOnMissingBean(name = "learnloopLmsPersonalDataEraser")
        PersonalDataEraser learnloopLmsPersonalDataEraser() {
            return LtiTools.personalDataEraser();
        }
    }

    /** The HTTP API's step and the pruner of its stored idempotency responses. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RestApi.class)
    static class RestPrivacy {
        @Bean
        @ConditionalOnMissingBean(name = "learnloopRestPersonalDataEraser")
        PersonalDataEraser learnloopRestPersonalDataEraser() {
            return RestApi.personalDataEraser();
        }

        @Bean
        @ConditionalOnMissingBean(name = "learnloopRestIdempotencyPruner")
        RetentionPruner learnloopRestIdempotencyPruner() {
            return RestRetention.idempotencyPruner();
        }
    }
}
