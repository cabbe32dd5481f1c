package io.learnloop.growth.internal;

/**
 * A dual number {@code v + d·ε} with {@code ε² = 0}: evaluating a formula on duals gives its value and its exact
 * derivative along one seeded input (forward-mode automatic differentiation), with no step size to choose.
 *
 * <p>Thread-safe: immutable.
 *
 * @param v the value
 * @param d the derivative
 */
public record Dual(double v, double d) {
    /**
     * A constant.
     *
     * @param v the value
     * @return the dual with zero derivative
     */
    public static Dual constant(double v) {
        return new Dual(v, 0);
    }

    /**
     * The seeded input.
     *
     * @param v the value
     * @return the dual with unit derivative
     */
    public static Dual variable(double v) {
        return new Dual(v, 1);
    }

    /**
     * Sum.
     *
     * @param o the other term
     * @return this + o
     */
    public Dual plus(Dual o) {
        return new Dual(v + o.v, d + o.d);
    }

    /**
     * Sum with a constant.
     *
     * @param c the constant
     * @return this + c
     */
    public Dual plus(double c) {
        return new Dual(v + c, d);
    }

    /**
     * Difference.
     *
     * @param o the other term
     * @return this - o
     */
    public Dual minus(Dual o) {
        return new Dual(v - o.v, d - o.d);
    }

    /**
     * Product.
     *
     * @param o the other factor
     * @return this · o
     */
    public Dual times(Dual o) {
        return new Dual(v * o.v, d * o.v + v * o.d);
    }

    /**
     * Product with a constant.
     *
     * @param c the constant
     * @return this · c
     */
    public Dual times(double c) {
        return new Dual(v * c, d * c);
    }

    /**
     * Quotient.
     *
     * @param o the divisor
     * @return this / o
     */
    public Dual div(Dual o) {
        return new Dual(v / o.v, (d * o.v - v * o.d) / (o.v * o.v));
    }

    /**
     * Reciprocal.
     *
     * @return 1 / this
     */
    public Dual inverse() {
        return new Dual(1 / v, -d / (v * v));
    }

    /**
     * Natural logarithm.
     *
     * @return ln(this)
     */
    public Dual log() {
        return new Dual(Math.log(v), d / v);
    }

    /**
     * Exponential.
     *
     * @return e to the this
     */
    public Dual exp() {
        double e = Math.exp(v);
        return new Dual(e, d * e);
    }
}
