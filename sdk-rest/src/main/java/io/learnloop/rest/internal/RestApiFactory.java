package io.learnloop.rest.internal;

import io.learnloop.community.Community;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessService;
import io.learnloop.payment.Payments;
import io.learnloop.recommend.RecommendationService;
import io.learnloop.rest.RestApi;
import io.learnloop.rest.Route;


/** Wires the API; the one place that knows every endpoint group. */
public final class RestApiFactory {
    private RestApiFactory() {
    }

    /**
     * Builds the API.
     *
     * @param learnloop    the facade
     * @param access       the access service that decides, the facade's or a decorated one
     * @param payments     the payments, or null
     * @param community    the community, or null
     * @param recommender  the recommendation service, or null (sdk-recommend may then be absent)
     * @param maxBodyBytes the largest body read
     * @return the API
     */
    public static RestApi create(Learnloop learnloop, AccessService access, Payments payments, Community community,
                                 RecommendationService recommender, int maxBodyBytes) {
        Router.Builder routes = Router.builder();
        routes.get("/openapi.json", "getOpenApiDocument", Route.Access.PUBLIC, Doc.raw("This document"),
                call -> Reply.ok(new Reply.RawJson(RestApi.openApiDocument())));
        new CatalogEndpoints(learnloop).register(routes);
        new CommerceEndpoints(learnloop, payments).register(routes);
        new LearningEndpoints(learnloop, access).register(routes);
        new CredentialEndpoints(learnloop).register(routes);
        new CommunityEndpoints(community).register(routes);
        new RecommendationEndpoints(learnloop, recommender == null ? null : new ServiceRecommendations(learnloop, access, recommender))
                .register(routes);
        new OperatorEndpoints(learnloop).register(routes);
        return new DefaultRestApi(routes.build(), new Idempotency(learnloop.context()), maxBodyBytes);
    }
}
