package io.backtest.monitoring.domain;

/** What a paper-traded strategy holds after a bar. */
public enum PositionSide {
  LONG,
  SHORT,
  FLAT
}
