package io.learnloop.spring.autoconfigure;

import io.learnloop.community.Community;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessService;
import io.learnloop.payment.Payments;
import io.learnloop.rest.RestApi;
import io.learnloop.spring.CurrentActor;
import io.learnloop.spring.LearnloopProperties;
import io.learnloop.spring.internal.CheckedProperties;
import io.learnloop.spring.internal.RestApiHandler;
import io.learnloop.spring.internal.RestRecommendations;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The HTTP API for front ends (sdk-rest), mounted on Spring MVC under {@code learnloop.api.base-path}, when sdk-rest
 * is on the class path of a servlet web application. The caller is the {@link CurrentActor} of the request.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(after = {LearnloopAutoConfiguration.class, LearnloopPaymentsAutoConfiguration.class,
        LearnloopSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({RouterFunction.class, RestApi.class})
public class LearnloopRestAutoConfiguration {
    /** Created by Spring. */
    public LearnloopRestAutoConfiguration() {
    }

    /**
     * The API over the facade, checking out with the {@link Payments} bean, serving the {@link Community} bean and
     * recommending with the {@code RecommendationService} bean (sdk-recommend) when there are such beans.
     *
     * @param learnloop  the facade
     * @param payments   the payments, if configured
     * @param community  the community, if configured
     * @param access     the access service to decide with (observed, with Micrometer), if there is one
     * @param beans      the bean factory, for the recommendation service when sdk-recommend is present
     * @param properties the checked properties
     * @return the API
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Learnloop.class)
    RestApi learnloopRestApi(Learnloop learnloop, ObjectProvider<Payments> payments,
                             ObjectProvider<Community> community, ObjectProvider<AccessService> access,
                             BeanFactory beans, CheckedProperties properties) {
        RestApi.Builder b = RestApi.builder(learnloop).maxBodyBytes(properties.get().api().maxBodyBytes());
        access.ifAvailable(b::access);
        payments.ifAvailable(b::payments);
        community.ifAvailable(b::community);
        RestRecommendations.apply(b, beans);
        return b.build();
    }

    /**
     * Every route of the API under the base path.
     *
     * @param api        the API
     * @param actors     the current actor, with Spring Security
     * @param properties the checked properties
     * @return the route
     */
    @Bean
    @ConditionalOnMissingBean(name = "learnloopApiRoute")
    @ConditionalOnBean(RestApi.class)
    RouterFunction<ServerResponse> learnloopApiRoute(RestApi api, ObjectProvider<CurrentActor> actors,
                                                     CheckedProperties properties) {
        LearnloopProperties.Api settings = properties.get().api();
        RestApiHandler handler = new RestApiHandler(api, settings.basePath(), actors::getIfAvailable);
        return RouterFunctions.route(RequestPredicates.path(settings.basePath())
                .or(RequestPredicates.path(settings.basePath() + "/**")), handler);
    }
}
