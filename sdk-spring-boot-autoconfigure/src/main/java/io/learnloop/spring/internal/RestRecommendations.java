package io.learnloop.spring.internal;

import io.learnloop.recommend.RecommendationService;
import io.learnloop.rest.RestApi;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Hands the host's {@link RecommendationService} bean, if there is one, to the HTTP API. sdk-recommend is optional
 * for a host: only this class names its types, and it is loaded only once the service class is known to be there.
 *
 * <p>Thread-safe: stateless.
 */
public final class RestRecommendations {
    private static final String SERVICE = "io.learnloop.recommend.RecommendationService";

    private RestRecommendations() {
    }

    /**
     * Configures the API's recommendations from the bean factory when sdk-recommend is on the class path and a
     * {@link RecommendationService} bean exists; otherwise leaves the builder as it is (the route then answers 501).
     *
     * @param builder the API's builder
     * @param beans   the bean factory
     */
    public static void apply(RestApi.Builder builder, BeanFactory beans) {
        if (ClassUtils.isPresent(SERVICE, RestRecommendations.class.getClassLoader())) {
            Present.apply(builder, beans);
        }
    }

    /** Names sdk-recommend's types, so it is loaded only after the check above. */
    private static final class Present {
        private Present() {
        }

        static void apply(RestApi.Builder builder, BeanFactory beans) {
            beans.getBeanProvider(RecommendationService.class).ifAvailable(builder::recommendations);
        }
    }
}
