package io.backtest.contracts.events;

/**
 * How orders were filled and charged in a backtest (the execution model documented in the README).
 *
 * @param fill {@code next-open} (signal on a bar's close, fill at the next bar's open) or {@code
 *     same-close}
 * @param feeBps fee per side on notional, in basis points
 * @param slippageBps slippage against the fill price, in basis points
 * @param positionFraction fraction of equity put into each position
 */
public record ExecutionSettings(
    String fill, double feeBps, double slippageBps, double positionFraction) {
  public ExecutionSettings {
    if (!"next-open".equals(fill) && !"same-close".equals(fill)) {
      throw new IllegalArgumentException("fill must be next-open or same-close but was " + fill);
    }
    Checks.finite(feeBps, "feeBps");
    Checks.finite(slippageBps, "slippageBps");
    if (!(positionFraction > 0 && positionFraction <= 1)) {
      throw new IllegalArgumentException(
          "positionFraction must be in (0, 1] but was " + positionFraction);
    }
  }
}
