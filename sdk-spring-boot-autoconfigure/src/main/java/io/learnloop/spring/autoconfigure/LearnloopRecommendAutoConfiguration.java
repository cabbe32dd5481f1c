package io.learnloop.spring.autoconfigure;

import io.learnloop.core.Learnloop;
import io.learnloop.recommend.RecommendationService;
import io.learnloop.spring.internal.StoreRecommendations;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * A {@link RecommendationService} when sdk-recommend is on the class path and the host defines none: trained at
 * startup on the store by popularity (see {@link StoreRecommendations}). The HTTP API serves it at
 * {@code GET /me/recommendations}. A host with its own model, history or retraining schedule defines its own bean.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(after = LearnloopAutoConfiguration.class, before = LearnloopRestAutoConfiguration.class)
@ConditionalOnClass(RecommendationService.class)
@ConditionalOnBean(Learnloop.class)
public class LearnloopRecommendAutoConfiguration {
    /** Created by Spring. */
    public LearnloopRecommendAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    RecommendationService learnloopRecommendationService(Learnloop learnloop, Clock clock) {
        return StoreRecommendations.build(learnloop, clock);
    }
}
