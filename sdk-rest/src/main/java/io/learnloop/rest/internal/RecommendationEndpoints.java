package io.learnloop.rest.internal;

import io.learnloop.rest.Route;

/** The caller's course recommendations, each with why it was recommended. */
final class RecommendationEndpoints {
    /** Ten when the client names no limit, fifty at most: a recommendation list is a shelf, not a listing. */
    static final Doc.Limit LIMIT = new Doc.Limit(10, 50);

    private final Recommendations recommendations;

    RecommendationEndpoints(Recommendations recommendations) {
        this.recommendations = recommendations;
    }

    void register(Router.Builder routes) {
        routes.get("/me/recommendations", "listMyRecommendations", Route.Access.SIGNED_IN,
                Doc.items("Courses recommended to the caller, best first, never one the caller owns",
                        Views.RecommendationView.class).limited(LIMIT), this::recommend);
    }

    private Reply recommend(Call call) {
        int limit = call.limit(LIMIT);
        if (recommendations == null) {
            throw new RestFailure(501, "CONFIGURATION", "This server makes no recommendations: the host configured"
                    + " none for the API.");
        }
        return Reply.ok(new Views.Items<>(recommendations.forLearner(call.actor(), limit)));
    }
}
