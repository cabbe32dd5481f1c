package io.learnloop.spring.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.access.Grant;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.RecommendationService;
import io.learnloop.recommend.Recommenders;
import io.learnloop.recommend.StoreInteractions;
import io.learnloop.recommend.StorePrerequisites;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The starter's default {@link RecommendationService}: trained once, when the application starts, on what the store
 * holds (the published catalogue, and the orders, progress and reviews of every learner a course has granted access
 * to), by popularity with a 30-day half-life, with the prerequisite rule of the learning paths. The store has no
 * directory of people, so the learners are found through each course's grants.
 *
 * <p>Thread-safe: stateless.
 */
public final class StoreRecommendations {
    /** The service account the recommender reads as: every learner's orders (FINANCE) and knowledge (ADMIN). */
    public static final Actor READER = Actor.of("learnloop-recommender", Role.FINANCE, Role.ADMIN);
    private static final Duration HALF_LIFE = Duration.ofDays(30);
    private static final int PAGE = 200;

    private StoreRecommendations() {
    }

    /**
     * Reads the store and trains the service.
     *
     * @param learnloop the facade
     * @param clock     the clock of the facade
     * @return the service
     */
    public static RecommendationService build(Learnloop learnloop, Clock clock) {
        StoreInteractions store = StoreInteractions.of(learnloop, READER);
        List<CourseInfo> catalogue = store.catalogue();
        InteractionMatrix matrix = InteractionMatrix.builder().courses(catalogue)
                .addAll(store.interactions(learners(learnloop, catalogue))).build();
        return RecommendationService.builder().matrix(matrix).catalogue(catalogue).clock(clock)
                .prerequisites(StorePrerequisites.of(learnloop.paths(), READER))
                .trainer(m -> Recommenders.popularity(m, catalogue, HALF_LIFE, clock.instant()))
                .build();
    }

    private static Set<UserId> learners(Learnloop learnloop, List<CourseInfo> catalogue) {
        Set<UserId> learners = new LinkedHashSet<>();
        for (CourseInfo course : catalogue) {
            String cursor = null;
            do {
                Page<Grant> page = learnloop.access().learnersOf(READER, CourseId.of(course.id()), cursor, PAGE);
                page.items().forEach(g -> learners.add(g.learner()));
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        return learners;
    }
}
