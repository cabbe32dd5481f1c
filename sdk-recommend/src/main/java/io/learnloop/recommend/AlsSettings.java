package io.learnloop.recommend;

import io.learnloop.core.error.Validator;

/**
 * Settings of implicit-feedback ALS (Hu, Koren and Volinsky 2008) with the conjugate-gradient solver of Takács,
 * Pilászy and Tikk (2011). The confidence of a learner-course pair is {@code 1 + alpha * ln(1 + strength)}. Each
 * row's regularisation is {@code regularization * (1 + sum of the row's confidences above 1 / other side's size)
 * ^ frequencyExponent}: exponent 0 is the classic model, 1 scales it with the row's weight in the loss as in
 * "Revisiting the performance of iALS on item recommendation benchmarks" (Rendle, Krichene, Zhang, Koren 2022).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param factors        latent dimensions, 1 to 1024
 * @param iterations     alternating sweeps, 1 to 1000
 * @param regularization L2 regularisation, finite and above 0
 * @param alpha          confidence scale, finite and not negative
 * @param cgSteps        conjugate-gradient steps per row and sweep, 1 to 100
 * @param threads        worker threads for training, 1 to 256
 * @param seed           seed of the random initial factors
 * @param frequencyExponent how strongly each row's regularisation grows with its weight, 0 to 2
 */
public record AlsSettings(int factors, int iterations, double regularization, double alpha, int cgSteps, int threads,
                          long seed, double frequencyExponent) {
    /**
     * Validates.
     *
     * @param factors        latent dimensions
     * @param iterations     sweeps
     * @param regularization L2 regularisation
     * @param alpha          confidence scale
     * @param cgSteps        conjugate-gradient steps
     * @param threads        training threads
     * @param seed           seed
     * @param frequencyExponent regularisation growth with row weight
     */
    public AlsSettings {
        new Validator()
                .check(factors >= 1 && factors <= 1024, "factors", "must be 1 to 1024 (was " + factors + ")")
                .check(iterations >= 1 && iterations <= 1000, "iterations", "must be 1 to 1000 (was " + iterations + ")")
                .check(Double.isFinite(regularization) && regularization > 0, "regularization",
                        "must be a finite number > 0 (was " + regularization + ")")
                .check(Double.isFinite(alpha) && alpha >= 0, "alpha", "must be a finite number >= 0 (was " + alpha + ")")
                .check(cgSteps >= 1 && cgSteps <= 100, "cgSteps", "must be 1 to 100 (was " + cgSteps + ")")
                .check(threads >= 1 && threads <= 256, "threads", "must be 1 to 256 (was " + threads + ")")
                .check(frequencyExponent >= 0 && frequencyExponent <= 2, "frequencyExponent",
                        "must be 0 to 2 (was " + frequencyExponent + ")")
                .throwIfInvalid();
    }

    /**
     * Settings with the classic, unscaled regularisation (frequency exponent 0).
     *
     * @param factors        latent dimensions, 1 to 1024
     * @param iterations     alternating sweeps, 1 to 1000
     * @param regularization L2 regularisation, finite and above 0
     * @param alpha          confidence scale, finite and not negative
     * @param cgSteps        conjugate-gradient steps per row and sweep, 1 to 100
     * @param threads        worker threads for training, 1 to 256
     * @param seed           seed of the random initial factors
     * @throws io.learnloop.core.error.ValidationException if a value is out of range
     */
    public AlsSettings(int factors, int iterations, double regularization, double alpha, int cgSteps, int threads,
                       long seed) {
        this(factors, iterations, regularization, alpha, cgSteps, threads, seed, 0);
    }

    /**
     * Returns the defaults, the ALS part of {@link RecommenderSettings#defaults()} (the values the evaluation in
     * {@code docs/recommend.md} uses untuned): 64 factors, 15 sweeps, regularisation 50, alpha 1, 3 CG steps, one
     * thread per available processor, seed 42, frequency exponent 0.
     *
     * @return the defaults
     */
    public static AlsSettings defaults() {
        return new AlsSettings(64, 15, 50, 1, 3, Runtime.getRuntime().availableProcessors(), 42, 0);
    }

    /**
     * Returns a copy with other factor and iteration counts.
     *
     * @param factors    latent dimensions
     * @param iterations sweeps
     * @return the new settings
     */
    public AlsSettings withShape(int factors, int iterations) {
        return new AlsSettings(factors, iterations, regularization, alpha, cgSteps, threads, seed, frequencyExponent);
    }

    /**
     * Returns a copy with other regularisation and confidence scale.
     *
     * @param regularization L2 regularisation
     * @param alpha          confidence scale
     * @return the new settings
     */
    public AlsSettings withWeights(double regularization, double alpha) {
        return new AlsSettings(factors, iterations, regularization, alpha, cgSteps, threads, seed, frequencyExponent);
    }

    /**
     * Returns a copy with another frequency exponent.
     *
     * @param frequencyExponent regularisation growth with row weight, 0 to 2
     * @return the new settings
     */
    public AlsSettings withFrequencyExponent(double frequencyExponent) {
        return new AlsSettings(factors, iterations, regularization, alpha, cgSteps, threads, seed, frequencyExponent);
    }

    /**
     * Returns a copy with another thread count.
     *
     * @param threads training threads
     * @return the new settings
     */
    public AlsSettings withThreads(int threads) {
        return new AlsSettings(factors, iterations, regularization, alpha, cgSteps, threads, seed, frequencyExponent);
    }
}
