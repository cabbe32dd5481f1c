/**
 * The growth-loop calculator: a model of the knowledge-payment loop (paid knowledge, personal growth, learning
 * efficiency, knowledge sharing, more paid knowledge).
 *
 * <ul>
 *   <li>{@link io.learnloop.growth.LoopGain}: the simple model, whose loop gain is the product of its link
 *       coefficients.</li>
 *   <li>{@link io.learnloop.growth.GrowthModel}: the stock-and-flow model, integrated with RK4, with
 *       {@link io.learnloop.growth.Parameter parameters} that each have a unit and a documented default.</li>
 *   <li>Analyses: {@link io.learnloop.growth.LoopAnalysis} (gain and elasticities),
 *       {@link io.learnloop.growth.Equilibrium}, {@link io.learnloop.growth.Tornado},
 *       {@link io.learnloop.growth.MonteCarlo}, {@link io.learnloop.growth.ScenarioComparison} and
 *       {@link io.learnloop.growth.UnitEconomics}.</li>
 *   <li>{@link io.learnloop.growth.Calibration}: fits the model to a platform's
 *       {@link io.learnloop.growth.Observations}.</li>
 * </ul>
 *
 * <p>The maths, the defaults and how to read the charts are in {@code docs/growth.md}.
 */
package io.learnloop.growth;
