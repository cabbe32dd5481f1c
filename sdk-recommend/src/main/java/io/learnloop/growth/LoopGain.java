package io.learnloop.growth;

import io.learnloop.core.error.Validator;

import java.util.List;

/**
 * The simple model of the knowledge-payment loop: each link multiplies what flows through it, so the product of
 * the link coefficients is the loop gain, the return that one unit of knowledge value brings back around one
 * cycle. The loop amplifies when the gain exceeds 1. See {@code docs/growth.md}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param links the link coefficients, each finite and non-negative
 */
public record LoopGain(List<Double> links) {
    /**
     * Validates and copies.
     *
     * @param links the coefficients
     */
    public LoopGain {
        Validator v = new Validator().notEmpty("links", links);
        if (links != null) {
            for (int i = 0; i < links.size(); i++) {
                Double k = links.get(i);
                v.check(k != null && Double.isFinite(k) && k >= 0, "links[" + i + "]", "must be a finite, non-negative number (was " + k + ")");
            }
        }
        v.throwIfInvalid();
        links = List.copyOf(links);
    }

    /**
     * Creates the model from its coefficients.
     *
     * @param links the coefficients
     * @return the model
     */
    public static LoopGain of(double... links) {
        return new LoopGain(java.util.Arrays.stream(links).boxed().toList());
    }

    /**
     * The loop gain: the product of all link coefficients.
     *
     * @return the gain per cycle
     */
    public double gain() {
        double g = 1.0;
        for (double k : links) {
            g *= k;
        }
        return g;
    }

    /**
     * The value after {@code cycles} turns of the loop, starting from {@code initialValue}: geometric growth
     * {@code V * gain^n}, with no saturation.
     *
     * @param initialValue the knowledge value put in, finite and non-negative
     * @param cycles       the number of cycles, non-negative
     * @return the projected value
     */
    public double project(double initialValue, int cycles) {
        new Validator()
                .check(Double.isFinite(initialValue) && initialValue >= 0, "initialValue", "must be finite and non-negative")
                .check(cycles >= 0, "cycles", "must not be negative")
                .throwIfInvalid();
        return initialValue * Math.pow(gain(), cycles);
    }

    /**
     * Whether each cycle returns more than it took.
     *
     * @return true if the gain exceeds 1
     */
    public boolean amplifies() {
        return gain() > 1.0;
    }

    /**
     * The elasticity of the gain to link {@code index}: for a product every link with a non-zero coefficient has
     * elasticity exactly 1 (a 1% stronger link gives a 1% larger gain), so in the simple model no link matters more
     * than another in relative terms; the stock-and-flow model ({@link LoopAnalysis}) is where levers differ.
     *
     * @param index the link, from 0
     * @return the elasticity, 0 for a link whose coefficient is 0
     * @throws io.learnloop.core.error.ValidationException if the index is out of range
     */
    public double elasticity(int index) {
        new Validator().check(index >= 0 && index < links.size(), "index",
                "must be between 0 and " + (links.size() - 1) + " (was " + index + ")").throwIfInvalid();
        double k = links.get(index);
        if (k == 0) {
            return 0;
        }
        double others = 1.0;
        for (int i = 0; i < links.size(); i++) {
            if (i != index) {
                others *= links.get(i);
            }
        }
        // d(gain)/dk = product of the other links; elasticity = k * that / gain
        return others == 0 ? 0 : k * others / gain();
    }

    /**
     * The number of whole cycles after which the value has grown at least {@code factor}-fold.
     *
     * @param factor the growth multiple, greater than 1
     * @return the cycles, or -1 if the loop does not amplify
     * @throws io.learnloop.core.error.ValidationException if the factor is not finite or not above 1
     */
    public int cyclesToMultiply(double factor) {
        new Validator().check(Double.isFinite(factor) && factor > 1, "factor", "must be a finite number above 1 (was " + factor + ")")
                .throwIfInvalid();
        if (!amplifies()) {
            return -1;
        }
        return (int) Math.ceil(Math.log(factor) / Math.log(gain()) - 1e-12);
    }
}
