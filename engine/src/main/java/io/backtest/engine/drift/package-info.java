/**
 * Drift detection for live strategies: incremental detectors, O(1) a bar, that compare a promoted
 * strategy's live (paper) record with what its out-of-sample record promised ({@link
 * io.backtest.contracts.events.ExpectedPerformance}). {@link io.backtest.engine.drift.DriftMonitor}
 * runs them for one strategy; the mean-shift detectors are {@link
 * io.backtest.engine.drift.CusumDetector} (the default) and {@link
 * io.backtest.engine.drift.PageHinkleyDetector}, the others {@link
 * io.backtest.engine.drift.DrawdownBreach}, {@link io.backtest.engine.drift.LiveSharpeCheck} and
 * {@link io.backtest.engine.drift.TradeFrequencyDrift}. {@link
 * io.backtest.engine.drift.DriftExperiment} measures detection delays and false alarms on synthetic
 * returns. Each class names its paper.
 */
package io.backtest.engine.drift;
