package io.backtest.engine.regime;

/** A directional regime as read from Wilder's directional movement system. */
public enum TrendRegime {
  /** A trend is present (ADX high) and upward movement dominates (+DI above −DI). */
  TRENDING_UP,
  /** A trend is present (ADX high) and downward movement dominates (−DI above +DI). */
  TRENDING_DOWN,
  /** No trend strong enough: ADX low. */
  RANGING
}
