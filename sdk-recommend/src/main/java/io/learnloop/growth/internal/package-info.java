/**
 * Implementation of the growth-loop calculator: the model's equations, the RK4 integrator, automatic
 * differentiation, random draws and small numerical helpers. Not part of the public API.
 */
package io.learnloop.growth.internal;
