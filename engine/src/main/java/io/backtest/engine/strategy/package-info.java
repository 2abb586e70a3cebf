/**
 * Strategy templates: parameter spaces, parameter sets, the template registry and the seeded
 * candidate generator.
 */
package io.backtest.engine.strategy;
