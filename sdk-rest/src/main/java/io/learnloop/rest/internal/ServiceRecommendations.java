package io.learnloop.rest.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.LearnerContext;
import io.learnloop.recommend.Recommendation;
import io.learnloop.recommend.RecommendationService;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recommendations from the host's {@link RecommendationService}. The courses kept out come from the access ledger at
 * the moment of the request, so a course bought a second ago is never offered, whatever the model last saw.
 */
final class ServiceRecommendations implements Recommendations {
    /**
     * The learner the service is asked about for a caller who refused personalisation. It cannot be a user id (those
     * hold no whitespace), so the model has no history under it and answers as for a new learner: popular courses.
     */
    static final String NOBODY = "no personalisation";

    private final Learnloop learnloop;
    private final AccessService access;
    private final RecommendationService service;

    ServiceRecommendations(Learnloop learnloop, AccessService access, RecommendationService service) {
        this.learnloop = learnloop;
        this.access = access;
        this.service = service;
    }

    @Override
    public List<Views.RecommendationView> forLearner(Actor learner, int limit) {
        Set<String> owned = access.entitledCourses(learner.id(), learnloop.context().now()).stream()
                .map(CourseId::value).collect(Collectors.toSet());
        // The service holds whatever history it was fed; a refusal must hold even before the model drops it.
        boolean personal = learnloop.consents().allows(learner.id(), ConsentPurpose.PERSONALISATION);
        String who = personal ? learner.id().value() : NOBODY;
        return service.recommend(new LearnerContext(who, owned, Set.of(), Set.of()), limit).stream()
                .map(ServiceRecommendations::view).toList();
    }

    private static Views.RecommendationView view(Recommendation r) {
        Explanation e = r.explanation();
        return new Views.RecommendationView(CourseId.of(r.courseId()), r.score(), new Views.ExplanationView(
                e.reason().name(), e.courseId().isEmpty() ? null : CourseId.of(e.courseId()),
                e.topic().isEmpty() ? null : e.topic(), e.text()));
    }
}
