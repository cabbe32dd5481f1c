package io.learnloop.examples.quickstart;

import io.learnloop.core.identity.UserId;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerContext;
import io.learnloop.recommend.Recommendation;
import io.learnloop.recommend.RecommendationService;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.Recommenders;
import io.learnloop.recommend.StoreInteractions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 6: recommendations with explanations, from a hybrid model (item-kNN over what learners bought, watched,
 * completed and rated, with content and popularity for cold starts) trained on the interactions read from the
 * store. Owned and refunded courses are never recommended.
 *
 * <p>Not thread-safe.
 */
public final class RecommendStage {
    private final DemoPlatform platform;
    private final Narrator narrator;

    /**
     * Creates the stage.
     *
     * @param platform the platform
     * @param narrator the narrator
     */
    public RecommendStage(DemoPlatform platform, Narrator narrator) {
        this.platform = platform;
        this.narrator = narrator;
    }

    /**
     * What the stage produced.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param interactions    how many interactions were read from the store
     * @param contexts        each shown learner's context (owned and refunded courses)
     * @param recommendations each shown learner's top three, by learner id
     */
    public record Result(long interactions, Map<String, LearnerContext> contexts,
                         Map<String, List<Recommendation>> recommendations) {
        /**
         * Copies the maps.
         *
         * @param interactions    the interaction count
         * @param contexts        the contexts
         * @param recommendations the recommendations
         */
        public Result {
            contexts = Map.copyOf(contexts);
            recommendations = Map.copyOf(recommendations);
        }
    }

    /**
     * Runs the stage.
     *
     * @param learners the learners to recommend for
     * @return what was recommended
     */
    public Result run(List<UserId> learners) {
        narrator.stage("Recommendations with explanations");
        StoreInteractions store = StoreInteractions.of(platform.learnloop(), DemoPlatform.FINANCE);
        List<CourseInfo> catalogue = store.catalogue();
        List<UserId> members = new ArrayList<>();
        platform.members().forEach(m -> members.add(m.id()));
        var interactions = store.interactions(members);
        InteractionMatrix matrix = InteractionMatrix.builder().courses(catalogue).addAll(interactions).build();
        RecommendationService service = RecommendationService.builder()
                .matrix(matrix)
                .catalogue(catalogue)
                .clock(platform.clock())
                .trainer(m -> hybrid(m, catalogue))
                .build();
        narrator.say("Read %d interactions of %d learners with %d courses from the store; trained %s",
                interactions.size(), matrix.learnerCount(), matrix.courseCount(), service.model().name());
        Map<String, LearnerContext> contexts = new LinkedHashMap<>();
        Map<String, List<Recommendation>> out = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        catalogue.forEach(c -> titles.put(c.id(), c.title()));
        for (UserId learner : learners) {
            LearnerContext context = store.context(learner, platform.clock().instant());
            List<Recommendation> top = service.recommend(context, 3);
            contexts.put(learner.value(), context);
            out.put(learner.value(), top);
            narrator.say("For %s (owns %d course(s)):", learner, context.owned().size());
            for (Recommendation r : top) {
                narrator.detail("%s %s", Narrator.pad(titles.get(r.courseId()), 38), r.explanation().text());
            }
        }
        return new Result(interactions.size(), contexts, out);
    }

    private Recommender hybrid(InteractionMatrix m, List<CourseInfo> catalogue) {
        Recommender popularity = Recommenders.popularity(m, catalogue, Duration.ofDays(30), platform.clock().instant());
        Recommender knn = Recommenders.itemKnn(m, catalogue, 50, 2.0);
        Recommender content = Recommenders.content(m, catalogue);
        return Recommenders.hybrid(m, catalogue, Map.of(knn, 1.0), popularity, content, 2);
    }
}
