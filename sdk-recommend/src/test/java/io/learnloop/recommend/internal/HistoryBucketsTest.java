package io.learnloop.recommend.internal;

import io.learnloop.recommend.eval.SplitMethod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** History-length buckets fitted on a split's training side, served on whole histories. */
class HistoryBucketsTest {
    private static final double[][] WEIGHTS = {{1, 0}, {0.5, 0.5}, {0, 1}};

    @Test
    void forFullHistories_whenFittedOnTemporalSplit_movesBoundsToTheFullLengthsThatKeepThem() {
        HistoryBuckets fitted = new HistoryBuckets(new int[] {4, 8}, WEIGHTS);

        HistoryBuckets served = fitted.forFullHistories(SplitMethod.temporal(0.2));

        // 5 courses keep 4 after holding out round(1.0) = 1; 10 keep 8 after holding out 2 (9 keep only 7)
        assertThat(served.bounds()).containsExactly(5, 10);
        assertThat(served.weights()).isDeepEqualTo(WEIGHTS);
        // a learner of 4 courses was fitted as one of 3: the first bucket, not the second
        assertThat(fitted.bucket(4)).isEqualTo(1);
        assertThat(served.bucket(4)).isZero();
    }

    @Test
    void forFullHistories_whenServedOnWholeHistories_givesEachLearnerTheBucketOfTheirTrainingLength() {
        HistoryBuckets fitted = new HistoryBuckets(new int[] {3, 7}, WEIGHTS);
        for (SplitMethod split : List.of(SplitMethod.temporal(0.2), SplitMethod.random(0.35, 7),
                SplitMethod.leaveLastOut(), SplitMethod.temporal(0.5))) {
            HistoryBuckets served = fitted.forFullHistories(split);
            for (int courses = 0; courses <= 200; courses++) {
                assertThat(served.bucket(courses)).as("%s, %d courses", split, courses)
                        .isEqualTo(fitted.bucket(split.kept(courses)));
            }
        }
    }

    @Test
    void kept_whenLeaveLastOut_keepsAllButOneOfTwoOrMore() {
        SplitMethod split = SplitMethod.leaveLastOut();

        assertThat(split.kept(1)).isEqualTo(1);
        assertThat(split.kept(2)).isEqualTo(1);
        assertThat(split.kept(9)).isEqualTo(8);
    }
}
