package io.learnloop.examples.recommend;

import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.eval.SplitMethod;

/**
 * What an evaluation run does, derived from its arguments in one place: how the test pairs are held out, how the
 * validation pairs are carved out of the training side (the same method, with the next seed), and the untuned
 * settings, which are the documented {@link RecommenderSettings#defaults()} with the hybrid fitted on that same
 * validation method.
 *
 * @param test       the test split method (with {@code --train/--test}: the method the files are taken to follow)
 * @param validation the validation split method, carved out of the training side only
 * @param defaults   the settings {@code --no-tune} uses, and the tuner's starting point
 */
public record EvaluationPlan(SplitMethod test, SplitMethod validation, RecommenderSettings defaults) {
    /**
     * Derives the plan.
     *
     * @param args the arguments
     * @return the plan
     */
    public static EvaluationPlan of(EvaluationArgs args) {
        SplitMethod test = method(args.split(), args.testFraction(), args.seed());
        SplitMethod validation = method(args.split(), args.testFraction(), args.seed() + 1);
        RecommenderSettings defaults = RecommenderSettings.defaults();
        return new EvaluationPlan(test, validation, defaults.withHybrid(defaults.hybrid().withValidation(validation)
                .withScoring(defaults.hybrid().validationLearners(), args.k())));
    }

    private static SplitMethod method(String name, double fraction, long seed) {
        return switch (name) {
            case "leave-last-out" -> SplitMethod.leaveLastOut();
            case "random" -> SplitMethod.random(fraction, seed);
            default -> SplitMethod.temporal(fraction);
        };
    }
}
