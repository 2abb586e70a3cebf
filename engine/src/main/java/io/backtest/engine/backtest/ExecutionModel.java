package io.backtest.engine.backtest;

import java.util.Objects;

/**
 * How signals become fills in a long-only backtest: fill price, costs and position size.
 *
 * @param fill which price fills a signal raised on a bar's close
 * @param feeBps fee per side in basis points of the traded notional (quantity × execution price)
 * @param slippageBps adverse price move in basis points of the fill price: buys execute at {@code
 *     fill × (1 + s)}, sells at {@code fill × (1 − s)}
 * @param positionFraction share of equity committed to each entry, fee included, in {@code (0, 1]}
 */
public record ExecutionModel(
    Fill fill, double feeBps, double slippageBps, double positionFraction) {

  /** Default fee per side: 10 bp. */
  public static final double DEFAULT_FEE_BPS = 10;

  /** Default slippage: 5 bp. */
  public static final double DEFAULT_SLIPPAGE_BPS = 5;

  private static final ExecutionModel DEFAULTS =
      new ExecutionModel(Fill.NEXT_OPEN, DEFAULT_FEE_BPS, DEFAULT_SLIPPAGE_BPS, 1.0);

  /** When a signal evaluated on bar {@code i}'s close is filled. */
  public enum Fill {
    /** At bar {@code i + 1}'s open: the default, as a signal is only known once bar i closed. */
    NEXT_OPEN,
    /** At bar {@code i}'s close: optimistic, for comparison with close-to-close studies. */
    SAME_CLOSE
  }

  public ExecutionModel {
    Objects.requireNonNull(fill, "fill");
    if (!(feeBps >= 0) || Double.isInfinite(feeBps)) {
      throw new IllegalArgumentException("feeBps must be finite and >= 0 but was " + feeBps);
    }
    if (!(slippageBps >= 0 && slippageBps < 10_000)) {
      throw new IllegalArgumentException(
          "slippageBps must be in [0, 10000) but was " + slippageBps);
    }
    if (!(positionFraction > 0 && positionFraction <= 1)) {
      throw new IllegalArgumentException(
          "positionFraction must be in (0, 1] but was " + positionFraction);
    }
  }

  /** Next-open fills, 10 bp fee per side, 5 bp slippage, whole equity per entry. */
  public static ExecutionModel defaults() {
    return DEFAULTS;
  }

  /** Next-open fills without fees or slippage, whole equity per entry. */
  public static ExecutionModel frictionless() {
    return new ExecutionModel(Fill.NEXT_OPEN, 0, 0, 1.0);
  }

  public ExecutionModel withFill(Fill fill) {
    return new ExecutionModel(fill, feeBps, slippageBps, positionFraction);
  }

  public ExecutionModel withFeeBps(double feeBps) {
    return new ExecutionModel(fill, feeBps, slippageBps, positionFraction);
  }

  public ExecutionModel withSlippageBps(double slippageBps) {
    return new ExecutionModel(fill, feeBps, slippageBps, positionFraction);
  }

  public ExecutionModel withPositionFraction(double positionFraction) {
    return new ExecutionModel(fill, feeBps, slippageBps, positionFraction);
  }

  /** Fee rate as a fraction of notional. */
  double feeRate() {
    return feeBps / 10_000;
  }

  /** Slippage as a fraction of the fill price. */
  double slippageRate() {
    return slippageBps / 10_000;
  }
}
