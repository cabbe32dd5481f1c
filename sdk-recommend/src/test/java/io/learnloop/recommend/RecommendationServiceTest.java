package io.learnloop.recommend;

import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecommendationServiceTest {
    private static final List<CourseInfo> CATALOGUE = TestData.clusterCatalogue();
    private static final RuleSettings NO_CAPS = new RuleSettings(0, 0, Duration.ZERO, 0, 50, 1000);

    private static RecommendationService service(RuleSettings rules) {
        InteractionMatrix m = InteractionMatrix.builder().courses(CATALOGUE).addAll(TestData.clusters(25, 11)).build();
        return ServiceFixtures.service(m, CATALOGUE, rules);
    }

    @Test
    void recommend_whenContextListsOwnedRefundedDismissed_neverReturnsThem() {
        RecommendationService s = service(NO_CAPS);
        List<String> first = ids(s.recommend(LearnerContext.of("a-learner-0"), 4));
        assertThat(first).hasSize(4);
        LearnerContext ctx = new LearnerContext("a-learner-0", Set.of(first.get(0)), Set.of(first.get(1)),
                Set.of(first.get(2)));
        assertThat(ids(s.recommend(ctx, 10))).doesNotContain(first.get(0), first.get(1), first.get(2));
    }

    @Test
    void recommend_whenCourseUnpublished_neverReturnsIt() {
        RecommendationService s = service(NO_CAPS);
        String top = ids(s.recommend(LearnerContext.of("stranger"), 1)).get(0);
        CourseInfo info = CATALOGUE.stream().filter(c -> c.id().equals(top)).findFirst().orElseThrow();
        s.putCourse(new CourseInfo(info.id(), info.title(), info.description(), info.tags(), info.category(),
                info.creator(), false, info.createdAt()));
        assertThat(ids(s.recommend(LearnerContext.of("stranger"), 21))).doesNotContain(top);
    }

    @Test
    void recommend_whenLearnerHasNoHistory_givesPopularExplainedCourses() {
        List<Recommendation> recs = service(RuleSettings.defaults()).recommend(LearnerContext.of("stranger"), 5);
        assertThat(recs).hasSize(5);
        assertThat(recs.get(0).courseId()).isEqualTo("popular");
        assertThat(recs).allSatisfy(r -> assertThat(r.explanation().reason()).isEqualTo(Explanation.Reason.POPULAR_IN));
    }

    @Test
    void recommend_whenCapsSet_limitsPerCategoryAndPerCreator() {
        RecommendationService s = service(new RuleSettings(2, 1, Duration.ZERO, 0, 50, 1000));
        List<Recommendation> recs = s.recommend(LearnerContext.of("a-learner-3"), 4);
        Map<String, CourseInfo> byId = CATALOGUE.stream().collect(Collectors.toMap(CourseInfo::id, Function.identity()));
        Map<String, Long> perCategory = recs.stream().collect(Collectors.groupingBy(r -> byId.get(r.courseId()).category(),
                Collectors.counting()));
        Map<String, Long> perCreator = recs.stream().collect(Collectors.groupingBy(r -> byId.get(r.courseId()).creator(),
                Collectors.counting()));
        assertThat(recs).hasSize(4);
        assertThat(perCategory.values()).allMatch(n -> n <= 2);
        assertThat(perCreator.values()).allMatch(n -> n <= 1);
    }

    @Test
    void recommend_whenNewCourseIsPublished_getsBoostAndCanReachLearnersThroughContent() {
        List<CourseInfo> catalogue = new ArrayList<>(CATALOGUE);
        catalogue.add(new CourseInfo("fresh", "Python 数据清洗", "pandas data cleaning", List.of("python"), "data",
                "creator-new", true, TestData.T0));
        InteractionMatrix.Builder b = InteractionMatrix.builder().courses(catalogue).addAll(TestData.clusters(25, 11));
        for (int c = 0; c < 10; c++) {
            b.add(Interaction.of("a-all", "a" + c, InteractionKind.COMPLETE, TestData.T0));
        }
        InteractionMatrix m = b.build();
        RecommendationService plain = ServiceFixtures.service(m, catalogue, NO_CAPS);
        List<Recommendation> recs = plain.recommend(LearnerContext.of("a-all"), 3);
        assertThat(ids(recs)).contains("fresh");
        assertThat(recs.get(ids(recs).indexOf("fresh")).explanation().reason())
                .isEqualTo(Explanation.Reason.MATCHES_INTEREST);
        RecommendationService boosted = ServiceFixtures.service(m, catalogue,
                new RuleSettings(0, 0, Duration.ofDays(30), 0.5, 50, 1000));
        double plainScore = recs.get(ids(recs).indexOf("fresh")).score();
        List<Recommendation> boostedRecs = boosted.recommend(LearnerContext.of("a-all"), 3);
        assertThat(ids(boostedRecs).indexOf("fresh")).isBetween(0, ids(recs).indexOf("fresh"));
        assertThat(boostedRecs.get(ids(boostedRecs).indexOf("fresh")).score()).isGreaterThan(plainScore);
        RecommendationService s = boosted;
        assertThat(s.recommend(LearnerContext.of("b-learner-0"), 3)).allSatisfy(r ->
                assertThat(r.explanation().text()).isNotBlank());
    }

    @Test
    void cache_whenLearnerRecordsOrModelRetrains_isInvalidated() {
        RecommendationService s = service(NO_CAPS);
        List<String> before = ids(s.recommend(LearnerContext.of("a-learner-5"), 3));
        assertThat(s.cachedLearners()).isEqualTo(1);
        s.record(Interaction.of("a-learner-5", before.get(0), InteractionKind.PURCHASE, TestData.T0));
        assertThat(s.cachedLearners()).isZero();
        List<String> after = ids(s.recommend(LearnerContext.of("a-learner-5"), 3));
        assertThat(after).doesNotContain(before.get(0));
        s.recommend(LearnerContext.of("b-learner-5"), 3);
        Recommender old = s.model();
        s.retrain();
        assertThat(s.cachedLearners()).isZero();
        assertThat(s.model()).isNotSameAs(old);
    }

    @Test
    void continueLearning_whenCourseInProgress_listsItMostRecentFirst() {
        RecommendationService s = service(NO_CAPS);
        s.record(new Interaction("u", "a1", InteractionKind.PROGRESS, 0.3, TestData.T0));
        s.record(new Interaction("u", "a2", InteractionKind.PROGRESS, 0.5, TestData.T0.plusSeconds(60)));
        s.record(new Interaction("u", "a3", InteractionKind.PROGRESS, 0.9, TestData.T0));
        s.record(Interaction.of("u", "a3", InteractionKind.COMPLETE, TestData.T0.plusSeconds(90)));
        List<Recommendation> recs = s.continueLearning(LearnerContext.of("u"), 5);
        assertThat(ids(recs)).containsExactly("a2", "a1");
        assertThat(recs.get(0).explanation().reason()).isEqualTo(Explanation.Reason.CONTINUE_LEARNING);
        assertThat(ids(s.recommend(LearnerContext.of("u"), 20))).doesNotContain("a1", "a2", "a3");
    }

    @Test
    void recommend_whenBadInput_failsWithValidationException() {
        RecommendationService s = service(NO_CAPS);
        assertThatThrownBy(() -> s.recommend(LearnerContext.of("u"), 0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> s.recommend(null, 3)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> RecommendationService.builder().build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("matrix").hasMessageContaining("trainer").hasMessageContaining("clock");
        InteractionMatrix empty = InteractionMatrix.of(List.of());
        RecommendationService none = ServiceFixtures.service(empty, List.of(), NO_CAPS);
        assertThat(none.recommend(LearnerContext.of("u"), 5)).isEmpty();
    }

    static List<String> ids(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::courseId).toList();
    }
}
