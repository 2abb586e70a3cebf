package io.backtest.engine.regime;

/** A volatility regime, ordered from the quietest to the most volatile. */
public enum VolatilityRegime {
  /** Volatility in the lowest band of its own history. */
  LOW,
  /** Volatility in the typical band of its own history. */
  NORMAL,
  /** Volatility in the highest band of its own history. */
  HIGH
}
