package io.learnloop.recommend.eval;

import io.learnloop.core.error.ValidationException;
import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.Recommendation;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.Recommenders;
import io.learnloop.recommend.data.Dataset;
import io.learnloop.recommend.data.Oulad;
import io.learnloop.recommend.data.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static List<Interaction> sequence(String learner, String... courses) {
        List<Interaction> out = new java.util.ArrayList<>();
        for (int i = 0; i < courses.length; i++) {
            out.add(Interaction.of(learner, courses[i], InteractionKind.ENROL, T.plusSeconds(i)));
        }
        return out;
    }

    @Test
    void leaveLastOut_whenLearnerHasSeveralCourses_holdsOutTheLatestFirstTouch() {
        List<Interaction> data = new java.util.ArrayList<>(sequence("u", "a", "b", "c"));
        data.add(Interaction.of("u", "a", InteractionKind.COMPLETE, T.plusSeconds(99)));
        data.addAll(sequence("lonely", "x"));
        Split s = Splits.leaveLastOut(data);
        assertThat(s.test()).extracting(Interaction::courseId).containsExactly("c");
        assertThat(s.train()).hasSize(4);
    }

    @Test
    void temporal_whenFractionGiven_holdsOutTheLatestShareButNeverAll() {
        List<Interaction> data = new java.util.ArrayList<>(sequence("u", "a", "b", "c", "d", "e"));
        data.addAll(sequence("v", "a", "b"));
        Split s = Splits.temporal(data, 0.4);
        assertThat(s.test()).extracting(i -> i.learnerId() + i.courseId()).containsExactly("ud", "ue", "vb");
        assertThatThrownBy(() -> Splits.temporal(data, 1.0)).isInstanceOf(ValidationException.class);
    }

    @Test
    void random_whenSeeded_isReproducibleAndHoldsOutWholePairs() {
        List<Interaction> data = SyntheticGenerator.generate(200, 3).interactions();
        Split a = Splits.random(data, 0.2, 5);
        assertThat(Splits.random(data, 0.2, 5)).isEqualTo(a);
        Set<String> trainPairs = new java.util.HashSet<>();
        a.train().forEach(i -> trainPairs.add(i.learnerId() + "|" + i.courseId()));
        assertThat(a.test()).noneMatch(i -> trainPairs.contains(i.learnerId() + "|" + i.courseId()));
        assertThat((double) a.test().size() / data.size()).isBetween(0.1, 0.3);
    }

    /** A fixed ranking, to check the metric arithmetic. */
    private record Fixed(List<String> ranking) implements Recommender {
        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public List<Recommendation> recommend(String learnerId, int k, Set<String> exclude) {
            Explanation e = new Explanation(Explanation.Reason.POPULAR_IN, "", null, "", "popular");
            return ranking.stream().limit(k).map(id -> new Recommendation(id, 1, e)).toList();
        }

        @Override
        public long memoryBytes() {
            return 0;
        }
    }

    @Test
    void evaluate_whenRankingKnown_computesEveryMetric() {
        InteractionMatrix train = InteractionMatrix.of(List.of(
                Interaction.of("u", "a", InteractionKind.ENROL, T), Interaction.of("v", "b", InteractionKind.ENROL, T),
                Interaction.of("v", "c", InteractionKind.ENROL, T), Interaction.of("w", "d", InteractionKind.ENROL, T)));
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        relevant.put("u", Set.of("c", "d"));
        relevant.put("v", Set.of("a"));
        Metrics m = Evaluator.evaluate(new Fixed(List.of("b", "c", "d")), train, relevant, 3);
        // u: hits at ranks 2 and 3; v: no hit.
        double dcg = 1 / log2(3) + 1 / log2(4);
        double idcg = 1 + 1 / log2(3);
        assertThat(m.learners()).isEqualTo(2);
        assertThat(m.hr()).isCloseTo(0.5, within(1e-9));
        assertThat(m.precision()).isCloseTo((2.0 / 3) / 2, within(1e-9));
        assertThat(m.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(m.ndcg()).isCloseTo(dcg / idcg / 2, within(1e-9));
        assertThat(m.map()).isCloseTo(((1.0 / 2 + 2.0 / 3) / 2) / 2, within(1e-9));
        assertThat(m.mrr()).isCloseTo(0.25, within(1e-9));
        assertThat(m.coverage()).isCloseTo(3.0 / 4, within(1e-9));
        // b, c, d are each held by one of three learners: -log2(1/3) bits.
        assertThat(m.novelty()).isCloseTo(log2(3), within(1e-9));
        assertThatThrownBy(() -> Evaluator.evaluate(new Fixed(List.of()), train, relevant, 0))
                .isInstanceOf(ValidationException.class);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void evaluate_whenOuladCutSplitTemporally_modelsBeatPopularity() throws URISyntaxException {
        Dataset d = Oulad.read(Path.of(EvaluationTest.class.getResource("/oulad").toURI()));
        Split split = Splits.temporal(d.interactions(), 0.2);
        InteractionMatrix train = InteractionMatrix.builder().courses(d.courses()).addAll(split.train()).build();
        Map<String, Set<String>> relevant = Splits.relevant(split, train);
        assertThat(relevant).hasSizeGreaterThan(100);
        double pop = Evaluator.evaluate(Recommenders.popularity(train, d.courses(), Duration.ZERO, T), train, relevant, 10)
                .ndcg();
        double ease = Evaluator.evaluate(Recommenders.ease(train, d.courses(), 100), train, relevant, 10).ndcg();
        double als = Evaluator.evaluate(Recommenders.als(train, d.courses(), new AlsSettings(16, 8, 1, 5, 3, 2, 1)),
                train, relevant, 10).ndcg();
        assertThat(ease).isGreaterThan(pop);
        assertThat(als).isGreaterThan(pop);
    }
}
