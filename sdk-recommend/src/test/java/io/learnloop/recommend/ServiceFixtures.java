package io.learnloop.recommend;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds services over the cluster data. */
final class ServiceFixtures {
    static final AlsSettings ALS = new AlsSettings(8, 6, 0.1, 5, 3, 1, 42);

    private ServiceFixtures() {
    }

    static RecommendationService.Trainer hybridTrainer(List<CourseInfo> catalogue) {
        return m -> {
            Map<Recommender, Double> parts = new LinkedHashMap<>();
            parts.put(Recommenders.ease(m, catalogue, 10), 1.0);
            parts.put(Recommenders.itemKnn(m, catalogue, 20, 2), 0.5);
            Recommender content = Recommenders.content(m, catalogue);
            parts.put(content, 0.2);
            return Recommenders.hybrid(m, catalogue, parts,
                    Recommenders.popularity(m, catalogue, Duration.ofDays(30), TestData.T0), content, 3);
        };
    }

    static RecommendationService service(InteractionMatrix m, List<CourseInfo> catalogue, RuleSettings rules) {
        return RecommendationService.builder().matrix(m).catalogue(catalogue).trainer(hybridTrainer(catalogue))
                .rules(rules).clock(Clock.fixed(TestData.T0.plus(Duration.ofDays(1)), ZoneOffset.UTC)).build();
    }
}
