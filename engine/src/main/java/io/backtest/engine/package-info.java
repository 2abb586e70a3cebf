/**
 * Backtest engine: plain Java (no Quarkus types) on top of ta4j.
 *
 * <p>{@code data} turns uploads into bars (ta4j series and columnar {@code BarArrays}), {@code
 * strategy} holds the typed parameter spaces, the strategy templates (each a ta4j reference
 * strategy and array signals that agree with it) and the seeded candidate generator, {@code
 * indicator} computes indicator series over arrays once per dataset, {@code backtest} runs a
 * strategy over a window of a series under an execution model (the array {@code BacktestEngine},
 * checked against the ta4j {@code Ta4jBacktester}), and {@code metrics} summarises the result.
 * Everything is deterministic: the same inputs give the same outputs on every JVM.
 */
package io.backtest.engine;
