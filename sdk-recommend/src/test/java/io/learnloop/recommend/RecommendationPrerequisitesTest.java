package io.learnloop.recommend;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recommender leaves out courses whose prerequisites the learner lacks, and brings them back once known. */
class RecommendationPrerequisitesTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final RuleSettings NO_CAPS = new RuleSettings(0, 0, Duration.ZERO, 0, 50, 1000);
    private final Actor creator = Actor.of("creator", Role.CREATOR);
    private final Actor ann = Actor.learner("ann");

    private record Shop(StorePlatform platform, Course basics, Course advanced, Course other,
                        InteractionMatrix matrix, List<CourseInfo> catalogue) {
    }

    /** Advanced is the most popular course and requires Basics, the least popular one. */
    private Shop shop() {
        StorePlatform p = new StorePlatform(T0);
        Course basics = p.publish(creator, "Basics", "programming", 1);
        Course advanced = p.publish(creator, "Advanced", "programming", 1);
        Course other = p.publish(creator, "Other", "design", 1);
        p.learnloop().paths().declareCourse(creator, advanced.id(), Set.of(basics.id()));
        List<CourseInfo> catalogue = StoreInteractions.of(p.learnloop(), Staff.FINANCE).catalogue();
        List<Interaction> bought = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bought.add(Interaction.of("buyer-" + i, advanced.id().value(), InteractionKind.PURCHASE, T0));
        }
        for (int i = 0; i < 3; i++) {
            bought.add(Interaction.of("buyer-" + i, other.id().value(), InteractionKind.PURCHASE, T0));
        }
        bought.add(Interaction.of("buyer-0", basics.id().value(), InteractionKind.PURCHASE, T0));
        InteractionMatrix matrix = InteractionMatrix.builder().courses(catalogue).addAll(bought).build();
        return new Shop(p, basics, advanced, other, matrix, catalogue);
    }

    private static RecommendationService service(Shop shop, Prerequisites prerequisites) {
        return RecommendationService.builder().matrix(shop.matrix()).catalogue(shop.catalogue()).rules(NO_CAPS)
                .clock(Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC)).prerequisites(prerequisites)
                .trainer(m -> Recommenders.popularity(m, shop.catalogue(), Duration.ofDays(30), T0)).build();
    }

    private static List<String> ids(List<Recommendation> recommendations) {
        return recommendations.stream().map(Recommendation::courseId).toList();
    }

    @Test
    void recommend_whenLearnerLacksAPrerequisite_leavesTheCourseOutUntilItIsKnown() {
        Shop shop = shop();
        RecommendationService service = service(shop,
                StorePrerequisites.of(shop.platform().learnloop().paths(), Staff.ADMIN));

        assertThat(ids(service.recommend(LearnerContext.of("ann"), 3)))
                .containsExactly(shop.other().id().value(), shop.basics().id().value());

        shop.platform().complete(ann, shop.basics(), 0);
        assertThat(ids(service.recommend(LearnerContext.of("ann"), 3)))
                .containsExactly(shop.advanced().id().value(), shop.other().id().value(),
                        shop.basics().id().value());
    }

    @Test
    void recommend_whenNoPrerequisiteFactsAreGiven_ranksByScoreAlone() {
        Shop shop = shop();
        assertThat(ids(service(shop, Prerequisites.NONE).recommend(LearnerContext.of("ann"), 3)))
                .containsExactly(shop.advanced().id().value(), shop.other().id().value(),
                        shop.basics().id().value());
    }

    @Test
    void storePrerequisites_whenReaderIsNoAdmin_isForbidden() {
        Shop shop = shop();
        assertThatThrownBy(() -> StorePrerequisites.of(shop.platform().learnloop().paths(), Staff.FINANCE))
                .isInstanceOf(ForbiddenException.class);
    }
}
