package io.learnloop.examples.storefront;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerContext;
import io.learnloop.recommend.Recommendation;
import io.learnloop.recommend.RecommendationService;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.Recommenders;
import io.learnloop.recommend.RuleSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recommendations for the storefront: an interaction matrix built from the store (purchases and progress), a hybrid
 * of item-kNN and content with popularity for cold learners, and the service's business rules (owned courses never
 * shown). Purchases made while the shop runs are recorded incrementally and the small model retrained.
 *
 * <p>Thread-safe: the service is swapped atomically.
 */
final class Recommendations {
    private final Shop shop;
    private volatile RecommendationService service;

    Recommendations(Shop shop) {
        this.shop = shop;
    }

    /** Builds the matrix and the model from what the store holds now. */
    synchronized void rebuild() {
        List<CourseInfo> catalogue = catalogue();
        List<Interaction> interactions = new ArrayList<>();
        Set<UserId> learners = new HashSet<>();
        for (OrderStatus status : List.of(OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED)) {
            for (Order order : shop.ordersIn(status)) {
                learners.add(order.learner());
                for (OrderLine line : order.lines()) {
                    for (CourseId c : line.courses()) {
                        interactions.add(Interaction.of(order.learner().value(), c.value(), InteractionKind.PURCHASE,
                                order.paidAt()));
                    }
                }
            }
        }
        for (UserId learner : learners) {
            for (CourseId c : shop.learnloop.access().entitledCourses(learner, shop.clock.instant())) {
                CourseCompletion done = shop.learnloop.progress().courseCompletion(learner, c);
                if (done.completed()) {
                    interactions.add(Interaction.of(learner.value(), c.value(), InteractionKind.COMPLETE, shop.clock.instant()));
                } else if (done.percent() > 0) {
                    interactions.add(Interaction.of(learner.value(), c.value(), InteractionKind.PROGRESS, shop.clock.instant()));
                }
            }
        }
        InteractionMatrix matrix = InteractionMatrix.builder().courses(catalogue).addAll(interactions).build();
        service = RecommendationService.builder().matrix(matrix).catalogue(catalogue)
                .trainer(m -> {
                    Map<Recommender, Double> parts = new LinkedHashMap<>();
                    parts.put(Recommenders.itemKnn(m, catalogue, 20, 2), 1.0);
                    Recommender content = Recommenders.content(m, catalogue);
                    parts.put(content, 0.3);
                    return Recommenders.hybrid(m, catalogue, parts,
                            Recommenders.popularity(m, catalogue, Duration.ofDays(30), shop.clock.instant()), content, 1);
                })
                .rules(RuleSettings.defaults()).clock(shop.clock).build();
    }

    /** Records a purchase and retrains (the model is tiny). */
    void purchased(UserId learner, List<CourseId> courses) {
        RecommendationService s = service;
        for (CourseId c : courses) {
            s.record(Interaction.of(learner.value(), c.value(), InteractionKind.PURCHASE, shop.clock.instant()));
        }
        s.retrain();
    }

    /**
     * Up to k courses for a learner (or for a visitor, by popularity), never one the learner owns.
     *
     * @param learner the learner, or null for a visitor
     * @param k       how many
     * @return the recommendations
     */
    List<Recommendation> forLearner(UserId learner, int k) {
        Set<String> owned = new HashSet<>();
        String id = learner == null ? "visitor" : learner.value();
        if (learner != null) {
            shop.learnloop.access().entitledCourses(learner, shop.clock.instant()).forEach(c -> owned.add(c.value()));
        }
        return service.recommend(new LearnerContext(id, owned, Set.of(), Set.of()), k);
    }

    private List<CourseInfo> catalogue() {
        List<CourseInfo> out = new ArrayList<>();
        for (Course c : shop.learnloop.catalog().courses(0, 1_000)) {
            if (c.status() == CourseStatus.PUBLISHED && c.published() != null) {
                CourseDetails d = c.published().details();
                out.add(new CourseInfo(c.id().value(), d.title(), d.description(), d.tags(), d.category(),
                        c.creator().value(), true, c.createdAt()));
            }
        }
        return out;
    }
}
