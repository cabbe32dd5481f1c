package io.learnloop.rest.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.recommend.Dismissal;
import io.learnloop.recommend.Dismissals;
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
    private final Dismissals dismissals;

    ServiceRecommendations(Learnloop learnloop, AccessService access, RecommendationService service) {
        this.learnloop = learnloop;
        this.access = access;
        this.service = service;
        this.dismissals = Dismissals.of(learnloop.context());
    }

    @Override
    public List<Views.RecommendationView> forLearner(Actor learner, int limit) {
        Set<String> owned = access.entitledCourses(learner.id(), learnloop.context().now()).stream()
                .map(CourseId::value).collect(Collectors.toSet());
        // The service holds whatever history it was fed; a refusal must hold even before the model drops it.
        boolean personal = learnloop.consents().allows(learner.id(), ConsentPurpose.PERSONALISATION);
        String who = personal ? learner.id().value() : NOBODY;
        // A dismissal is the learner's own choice, not inferred history: it holds with or without personalisation.
        LearnerContext context = dismissals.context(new LearnerContext(who, owned, Set.of(), Set.of()), learner.id());
        return service.recommend(context, limit).stream().map(ServiceRecommendations::view).toList();
    }

    @Override
    public Views.DismissalView dismiss(Actor learner, CourseId course) {
        Dismissal d = dismissals.dismiss(learner.id(), course);
        return new Views.DismissalView(d.course(), d.dismissedAt());
    }

    private static Views.RecommendationView view(Recommendation r) {
        Explanation e = r.explanation();
        return new Views.RecommendationView(CourseId.of(r.courseId()), r.score(), new Views.ExplanationView(
                e.reason().name(), e.courseId().isEmpty() ? null : CourseId.of(e.courseId()),
                e.topic().isEmpty() ? null : e.topic(), e.text()));
    }
}
