package io.learnloop.spring.autoconfigure;

import io.learnloop.community.Communities;
import io.learnloop.community.Community;
import io.learnloop.community.CommunityOptions;
import io.learnloop.community.DiscourseConfig;
import io.learnloop.core.Learnloop;
import io.learnloop.spring.LearnloopProperties;
import io.learnloop.spring.internal.CheckedProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The community backend, with sdk-community on the class path and a {@link CommunityOptions} bean from the host
 * (they say how course access maps to spaces, which only the host knows): Discourse when
 * {@code learnloop.community.discourse.base-url} is set, the embedded community otherwise.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(after = LearnloopAutoConfiguration.class)
@ConditionalOnClass(Community.class)
@ConditionalOnBean({Learnloop.class, CommunityOptions.class})
public class LearnloopCommunityAutoConfiguration {
    /** Created by Spring. */
    public LearnloopCommunityAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    Community learnloopCommunity(Learnloop learnloop, CommunityOptions options, CheckedProperties properties) {
        LearnloopProperties.Discourse d = properties.get().community().discourse();
        if (!d.enabled()) {
            return Communities.embedded(learnloop.context(), options);
        }
        DiscourseConfig.Builder config = DiscourseConfig.builder(d.baseUrl(), d.apiKey());
        if (d.apiUsername() != null) {
            config.apiUsername(d.apiUsername());
        }
        return Communities.discourse(learnloop.context(), options, config.build());
    }
}
