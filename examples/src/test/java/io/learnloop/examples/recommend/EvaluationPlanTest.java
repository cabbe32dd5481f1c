package io.learnloop.examples.recommend;

import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.eval.SplitMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationPlanTest {
    private static EvaluationPlan plan(String... args) {
        return EvaluationPlan.of(EvaluationArgs.parse(args));
    }

    @Test
    void of_whenEachSplitGiven_carvesValidationWithTheTestsMethodAndShare() {
        for (String split : new String[] {"random", "temporal", "leave-last-out"}) {
            EvaluationPlan p = plan("--synthetic", "10", "--split", split, "--test-fraction", "0.3", "--seed", "7");

            assertThat(p.validation().kind()).as(split).isEqualTo(p.test().kind());
            assertThat(p.validation().fraction()).isEqualTo(p.test().fraction());
            assertThat(p.defaults().hybrid().validation()).isEqualTo(p.validation());
        }
        assertThat(plan("--synthetic", "10", "--split", "random", "--seed", "7").validation())
                .isEqualTo(SplitMethod.random(0.2, 8));
    }

    @Test
    void of_whenExplicitTrainAndTestFiles_validatesRandomPerLearnerUnlessToldOtherwise() {
        assertThat(plan("--train", "a.data", "--test", "b.data").validation()).isEqualTo(SplitMethod.random(0.2, 43));
        assertThat(plan("--train", "a.data", "--test", "b.data", "--split", "temporal").validation())
                .isEqualTo(SplitMethod.temporal(0.2));
        assertThat(plan("--synthetic", "10").validation()).isEqualTo(SplitMethod.temporal(0.2));
    }

    /** One source of truth: what --no-tune runs is the documented defaults, with only the validation matched. */
    @Test
    void of_whenNotTuned_usesTheDocumentedDefaultsWithTheHybridValidatedLikeTheTest() {
        RecommenderSettings documented = RecommenderSettings.defaults();
        for (String split : new String[] {"random", "temporal", "leave-last-out"}) {
            EvaluationPlan p = plan("--synthetic", "10", "--split", split, "--no-tune");

            assertThat(p.defaults()).isEqualTo(documented.withHybrid(documented.hybrid()
                    .withValidation(p.validation())));
        }
        assertThat(plan("--synthetic", "10").defaults()).isEqualTo(documented);
    }
}
