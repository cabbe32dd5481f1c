package io.learnloop.recommend.internal;

import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.data.Dataset;
import io.learnloop.recommend.data.SyntheticGenerator;
import io.learnloop.recommend.eval.SplitMethod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fit's fast paths against the plain computations they replace, on fixed-seed data: the heap top-k against a
 * full sort, NDCG from counted ranks against NDCG of the selected list, for whole-catalogue scores and for the
 * blend table's pools.
 */
class FastRankingTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** The reference: sort every selectable entry by score, ties to the lower index, and keep k. */
    private static int[] sortedTopK(float[] scores, int k, float floor, boolean strict) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (!Float.isNaN(s) && s != Float.NEGATIVE_INFINITY && (!strict || s > floor)) {
                keep.add(i);
            }
        }
        keep.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        return keep.stream().limit(Math.max(0, k)).mapToInt(Integer::intValue).toArray();
    }

    private static float[] randomScores(SplittableRandom r, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(20);
            // Few distinct values, so ties are common; some NaN, -inf and negative entries.
            s[i] = pick == 0 ? Float.NaN : pick == 1 ? Float.NEGATIVE_INFINITY : (r.nextInt(40) - 10) / 4f;
        }
        return s;
    }

    @Test
    void select_whenRandomScoresWithTies_returnsExactlyWhatAFullSortReturns() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 2_000; trial++) {
            float[] s = randomScores(r, 1 + r.nextInt(300));
            int k = r.nextInt(40);
            boolean strict = r.nextBoolean();
            float floor = strict ? r.nextInt(5) - 1 : 0f;
            assertThat(TopK.select(s, k, floor, strict)).as("trial %d", trial)
                    .containsExactly(sortedTopK(s, k, floor, strict));
        }
    }

    @Test
    void mark_whenRandomScoresWithTies_marksExactlyTheEntriesSelectReturns() {
        SplittableRandom r = new SplittableRandom(13);
        for (int trial = 0; trial < 2_000; trial++) {
            float[] s = randomScores(r, 1 + r.nextInt(300));
            int k = r.nextInt(40);
            boolean strict = r.nextBoolean();
            float floor = strict ? r.nextInt(5) - 1 : 0f;
            boolean[] marked = new boolean[s.length];
            int count = TopK.mark(s, k, floor, strict, marked);
            int[] expected = sortedTopK(s, k, floor, strict);
            boolean[] want = new boolean[s.length];
            for (int i : expected) {
                want[i] = true;
            }
            assertThat(marked).as("trial %d", trial).containsExactly(want);
            assertThat(count).isEqualTo(expected.length);
        }
    }

    @Test
    void rank_whenRandomScoresWithTies_isTheEntrysPositionInTheSelectedList() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 500; trial++) {
            float[] s = randomScores(r, 1 + r.nextInt(200));
            boolean strict = r.nextBoolean();
            int k = 1 + r.nextInt(20);
            int[] top = sortedTopK(s, k, 0f, strict);
            for (int at = 0; at < s.length; at++) {
                int expected = -1;
                for (int p = 0; p < top.length; p++) {
                    if (top[p] == at) {
                        expected = p;
                    }
                }
                int rank = TopK.rank(s, at, 0f, strict, k);
                if (expected >= 0) {
                    assertThat(rank).as("trial %d entry %d", trial, at).isEqualTo(expected);
                } else {
                    assertThat(rank).as("trial %d entry %d", trial, at).isGreaterThanOrEqualTo(k);
                }
            }
        }
    }

    private static ValidationLearners learners() {
        Dataset data = SyntheticGenerator.generate(1_500, 200, 9, 42);
        InteractionMatrix matrix = InteractionMatrix.builder().courses(data.courses()).addAll(data.interactions())
                .build();
        return ValidationLearners.of(SplitMethod.temporal(0.2).split(matrix), 600, 10);
    }

    private static ScoringModel[] parts(ValidationLearners learners) {
        Dataset data = SyntheticGenerator.generate(1_500, 200, 9, 42);
        Catalogue catalogue = new Catalogue(data.courses());
        List<ScoringModel> parts = new ArrayList<>();
        for (ModelKind kind : List.of(ModelKind.POPULARITY, ModelKind.ITEM_KNN, ModelKind.RP3BETA, ModelKind.EASE,
                ModelKind.CONTENT, ModelKind.SEQUENCE)) {
            parts.add(ModelFactory.train(kind, learners.train(), catalogue, RecommenderSettings.defaults(), NOW));
        }
        return parts.toArray(new ScoringModel[0]);
    }

    @Test
    void ndcg_whenCountingRanks_equalsTheNdcgOfTheSelectedTopK() {
        ValidationLearners learners = learners();
        int n = learners.train().courseCount();
        double positive = 0;
        for (ScoringModel model : parts(learners)) {
            double[] fast = learners.ndcg(model);
            for (int i = 0; i < learners.size(); i++) {
                float[] scores = new float[n];
                double old = 0;
                if (model.score(learners.row(i), learners.index(i), scores)) {
                    ScoringModel.maskOwn(learners.row(i), scores);
                    old = learners.ndcg(i, TopK.select(scores, 10, 0f, model.positiveOnly()));
                }
                assertThat(fast[i]).as("%s learner %d", model.name(), i).isEqualTo(old);
                positive += old;
            }
        }
        assertThat(positive).as("the comparison covers rankings that hit").isGreaterThan(0);
    }

    @Test
    void blendTableNdcg_whenCountingRanks_equalsTheNdcgOfTheSelectedPool() {
        ValidationLearners learners = learners();
        ScoringModel[] parts = parts(learners);
        SplittableRandom r = new SplittableRandom(3);
        double[] grid = {0, 0.1, 0.25, 0.5, 1, 2};
        for (long recency : new long[] {0, 7L * 86_400_000}) {
            BlendTable table = BlendTable.build(parts, learners, recency, 30);
            for (int trial = 0; trial < 20; trial++) {
                double[] w = new double[parts.length];
                for (int m = 0; m < w.length; m++) {
                    w[m] = grid[r.nextInt(grid.length)];
                }
                w[r.nextInt(w.length)] = 1;
                for (Scaling scaling : List.of(Scaling.MAX_ABS, Scaling.Z_SCORE)) {
                    double[] fast = table.ndcg(learners, w, scaling);
                    for (int l = 0; l < learners.size(); l++) {
                        assertThat(fast[l]).as("learner %d", l)
                                .isEqualTo(learners.ndcg(l, table.ranking(l, 10, w, scaling)));
                    }
                }
            }
        }
    }

    @Test
    void allParameters_whenScoresGiven_equalEachScalingsOwnParameters() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(100);
            float[] s = new float[n];
            boolean[] own = new boolean[n];
            for (int c = 0; c < n; c++) {
                s[c] = (float) (r.nextDouble() * 10 - 3);
                own[c] = r.nextInt(5) == 0;
            }
            float[][] all = Scaling.allParameters(s, own);
            for (Scaling scaling : Scaling.values()) {
                assertThat(all[scaling.ordinal()]).containsExactly(scaling.parameters(s, own));
            }
        }
    }
}
