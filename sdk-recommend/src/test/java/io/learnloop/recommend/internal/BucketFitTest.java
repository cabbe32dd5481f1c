package io.learnloop.recommend.internal;

import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.data.Dataset;
import io.learnloop.recommend.data.SyntheticGenerator;
import io.learnloop.recommend.eval.SplitMethod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Weights per history-length bucket against the one blend they start from, on fixed-seed synthetic data. */
class BucketFitTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Dataset data() {
        return SyntheticGenerator.generate(2_000, 200, 9, 42);
    }

    private static ValidationLearners learners(SplitMethod method) {
        Dataset data = data();
        InteractionMatrix matrix = InteractionMatrix.builder().courses(data.courses()).addAll(data.interactions())
                .build();
        return ValidationLearners.of(method.split(matrix), 1_000, 10);
    }

    private static ScoringModel[] parts(ValidationLearners learners) {
        Catalogue catalogue = new Catalogue(data().courses());
        List<ScoringModel> parts = new ArrayList<>();
        for (ModelKind kind : List.of(ModelKind.POPULARITY, ModelKind.ITEM_KNN, ModelKind.RP3BETA, ModelKind.EASE,
                ModelKind.CONTENT, ModelKind.SEQUENCE)) {
            parts.add(ModelFactory.train(kind, learners.train(), catalogue, RecommenderSettings.defaults(), NOW));
        }
        return parts.toArray(new ScoringModel[0]);
    }

    private static int[] members(ValidationLearners learners, HistoryBuckets shape, int bucket) {
        return IntStream.range(0, learners.size()).filter(l -> shape.bucket(learners.row(l).size()) == bucket)
                .toArray();
    }

    @Test
    void run_whenFitted_isAtOrAboveTheOneBlendInEveryBucket() {
        int fitted = 0;
        for (SplitMethod method : List.of(SplitMethod.temporal(0.2), SplitMethod.random(0.2, 7))) {
            ValidationLearners learners = learners(method);
            ScoringModel[] parts = parts(learners);
            BlendSearch.Found found = BlendSearch.search(parts, learners, List.of(Duration.ZERO), 30);
            BlendSearch.Choice global = found.choice();

            HistoryBuckets buckets = BucketFit.run(found.table(), learners, global);

            if (buckets == null) {
                continue;
            }
            fitted++;
            assertThat(buckets.weights().length).isEqualTo(buckets.bounds().length + 1);
            for (int b = 0; b <= buckets.bounds().length; b++) {
                int[] members = members(learners, buckets, b);
                assertThat(members.length).isGreaterThanOrEqualTo(BucketFit.MIN_LEARNERS);
                double own = ValidationLearners.mean(found.table().ndcg(learners, buckets.weights()[b],
                        global.scaling(), members));
                double one = ValidationLearners.mean(found.table().ndcg(learners, global.weights(), global.scaling(),
                        members));
                assertThat(own).as("%s bucket %d %s", method, b, buckets).isGreaterThanOrEqualTo(one);
                assertThat(Arrays.stream(buckets.weights()[b]).anyMatch(w -> w > 0)).isTrue();
            }
        }
        assertThat(fitted).as("some split gave buckets their own weights").isPositive();
    }

    @Test
    void bounds_whenLearnersVaryInHistory_cutAscendingBucketsOfEnoughLearners() {
        ValidationLearners learners = learners(SplitMethod.random(0.2, 7));

        int[] bounds = BucketFit.bounds(learners);

        assertThat(bounds).isNotEmpty().isSorted().doesNotHaveDuplicates();
        HistoryBuckets shape = new HistoryBuckets(bounds, new double[bounds.length + 1][0]);
        for (int b = 0; b <= bounds.length; b++) {
            assertThat(members(learners, shape, b).length).as("bucket %d", b)
                    .isGreaterThanOrEqualTo(BucketFit.MIN_LEARNERS);
        }
    }

    @Test
    void bucket_whenHistoryLengthGiven_countsTheBoundsAtOrBelowIt() {
        HistoryBuckets buckets = new HistoryBuckets(new int[] {4, 9}, new double[][] {{1, 0}, {0, 1}, {1, 1}});

        assertThat(buckets.bucket(1)).isZero();
        assertThat(buckets.bucket(3)).isZero();
        assertThat(buckets.bucket(4)).isEqualTo(1);
        assertThat(buckets.bucket(8)).isEqualTo(1);
        assertThat(buckets.bucket(9)).isEqualTo(2);
        assertThat(buckets.bucket(500)).isEqualTo(2);
        assertThat(buckets.weightsFor(5)).containsExactly(0, 1);
        assertThat(buckets.uses(0)).isTrue();
    }

    @Test
    void blendTableNdcg_whenGivenASubset_equalsTheWholeTableAtThoseLearners() {
        ValidationLearners learners = learners(SplitMethod.temporal(0.2));
        BlendTable table = BlendTable.build(parts(learners), learners, 0, 30);
        double[] w = {0.1, 1, 0, 0.5, 0, 2};
        int[] subset = IntStream.range(0, learners.size()).filter(l -> l % 3 == 1).toArray();

        double[] all = table.ndcg(learners, w, Scaling.Z_SCORE);
        double[] some = table.ndcg(learners, w, Scaling.Z_SCORE, subset);

        assertThat(some).hasSize(subset.length);
        for (int i = 0; i < subset.length; i++) {
            assertThat(some[i]).isEqualTo(all[subset[i]]);
        }
    }
}
