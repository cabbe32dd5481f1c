package io.learnloop.recommend;

import io.learnloop.core.error.ValidationException;

import java.util.Arrays;

/**
 * How much each {@link InteractionKind} counts. The strength of one interaction is the kind's weight times the
 * interaction's own weight; a learner's strength for a course is the sum over that learner's interactions with it.
 *
 * <p>Thread-safe: immutable.
 */
public final class InteractionWeights {
    private final double[] weights;

    private InteractionWeights(double[] weights) {
        this.weights = weights;
    }

    /**
     * Returns the defaults: purchase 4, enrol 3, progress 1, complete 4, rating 0.5 per star, wishlist 2, view 1.
     *
     * @return the default weights
     */
    public static InteractionWeights defaults() {
        double[] w = new double[InteractionKind.values().length];
        w[InteractionKind.PURCHASE.ordinal()] = 4;
        w[InteractionKind.ENROL.ordinal()] = 3;
        w[InteractionKind.PROGRESS.ordinal()] = 1;
        w[InteractionKind.COMPLETE.ordinal()] = 4;
        w[InteractionKind.RATING.ordinal()] = 0.5;
        w[InteractionKind.WISHLIST.ordinal()] = 2;
        w[InteractionKind.VIEW.ordinal()] = 1;
        return new InteractionWeights(w);
    }

    /**
     * Returns a copy with one kind's weight changed.
     *
     * @param kind   the kind
     * @param weight the new weight, finite and not negative
     * @return the new weights
     * @throws ValidationException if the weight is NaN, infinite or negative
     */
    public InteractionWeights with(InteractionKind kind, double weight) {
        if (kind == null) {
            throw ValidationException.of("kind", "must not be null");
        }
        if (!Double.isFinite(weight) || weight < 0) {
            throw ValidationException.of("weights." + kind, "must be a finite number >= 0 (was " + weight + ")");
        }
        double[] w = weights.clone();
        w[kind.ordinal()] = weight;
        return new InteractionWeights(w);
    }

    /**
     * Returns a kind's weight.
     *
     * @param kind the kind
     * @return its weight
     */
    public double weight(InteractionKind kind) {
        return weights[kind.ordinal()];
    }

    /**
     * Returns the strength of one interaction: the kind's weight times the interaction's weight.
     *
     * @param interaction the interaction
     * @return its strength
     */
    public double strength(Interaction interaction) {
        return weights[interaction.kind().ordinal()] * interaction.weight();
    }

    @Override
    public String toString() {
        return "InteractionWeights" + Arrays.toString(weights);
    }
}
