/**
 * Online market-regime detectors for one symbol's bar stream: each {@link
 * io.backtest.engine.regime.RegimeDetector} takes bars one at a time, answers its current regime
 * after a documented warm-up and reports every change as a {@link
 * io.backtest.engine.regime.RegimeChange} with the statistics behind it.
 *
 * <ul>
 *   <li>{@link io.backtest.engine.regime.VolatilityRegimeDetector}: realised volatility against its
 *       own trailing distribution, {@code LOW} / {@code NORMAL} / {@code HIGH};
 *   <li>{@link io.backtest.engine.regime.TrendRegimeDetector}: Wilder's ADX with +DI/−DI, {@code
 *       TRENDING_UP} / {@code TRENDING_DOWN} / {@code RANGING};
 *   <li>{@link io.backtest.engine.regime.HmmRegimeDetector}: a {@link
 *       io.backtest.engine.regime.GaussianHiddenMarkovModel} fitted by Baum–Welch and filtered bar
 *       by bar, a second opinion on the volatility regime.
 * </ul>
 *
 * Detectors hold mutable state and are not thread-safe: one detector per symbol, fed in bar order.
 */
package io.backtest.engine.regime;
