package io.backtest.contracts.events;

/**
 * How orders were filled and charged in a backtest (the execution model documented in the README).
 *
 * @param fill {@code next-open} (signal on a bar's close, fill at the next bar's open) or {@code
 *     same-close}
 * @param direction {@code long-only}, or {@code long-short} (entry signals go long, exit signals go
 *     short, each reversing the other)
 * @param feeBps fee per side on notional, in basis points
 * @param slippageBps slippage against the fill price, in basis points
 * @param positionFraction fraction of equity put into each position
 * @param capital starting equity, in the currency of the prices
 */
public record ExecutionSettings(
    String fill,
    String direction,
    double feeBps,
    double slippageBps,
    double positionFraction,
    double capital) {

  public ExecutionSettings {
    Checks.oneOf(fill, "fill", "next-open", "same-close");
    Checks.oneOf(direction, "direction", "long-only", "long-short");
    Checks.finite(feeBps, "feeBps");
    Checks.finite(slippageBps, "slippageBps");
    if (!(positionFraction > 0 && positionFraction <= 1)) {
      throw new IllegalArgumentException(
          "positionFraction must be in (0, 1] but was " + positionFraction);
    }
    if (!(capital > 0) || Double.isInfinite(capital)) {
      throw new IllegalArgumentException("capital must be finite and > 0 but was " + capital);
    }
  }
}
