package io.learnloop.rest.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.rest.Route;

/** The caller's course recommendations, each with why it was recommended. */
final class RecommendationEndpoints {
    /** Ten when the client names no limit, fifty at most: a recommendation list is a shelf, not a listing. */
    static final Doc.Limit LIMIT = new Doc.Limit(10, 50);
    /** What the routes answer when the host configured no recommendation service. */
    private static final int NO_SERVICE = 501;

    private final Learnloop learnloop;
    private final Recommendations recommendations;

    RecommendationEndpoints(Learnloop learnloop, Recommendations recommendations) {
        this.learnloop = learnloop;
        this.recommendations = recommendations;
    }

    void register(Router.Builder routes) {
        routes.get("/me/recommendations", "listMyRecommendations", Route.Access.SIGNED_IN,
                Doc.items("Courses recommended to the caller, best first, never one the caller owns",
                        Views.RecommendationView.class).limited(LIMIT).problems(NO_SERVICE), this::recommend)
                .post("/me/recommendations/{courseId}/dismissal", "dismissRecommendation", Route.Access.SIGNED_IN,
                        Doc.one("Records that the caller is not interested in a course, which is then never"
                                + " recommended to them; repeating it keeps the first dismissal", Views.DismissalView.class)
                                .problems(NO_SERVICE),
                        this::dismiss);
    }

    private Reply dismiss(Call call) {
        Recommendations r = configured();
        Course c = learnloop.catalog().course(CourseId.of(call.param("courseId")));
        return Reply.ok(r.dismiss(call.actor(), c.id()));
    }

    private Recommendations configured() {
        if (recommendations == null) {
            throw new RestFailure(501, "CONFIGURATION", "This server makes no recommendations: the host configured"
                    + " none for the API.");
        }
        return recommendations;
    }

    private Reply recommend(Call call) {
        int limit = call.limit(LIMIT);
        return Reply.ok(new Views.Items<>(configured().forLearner(call.actor(), limit)));
    }
}
