package io.backtest.engine.backtest;

import io.backtest.contracts.events.ExecutionSettings;
import java.util.Objects;

/**
 * How signals become fills: fill price, direction, costs, position size and starting capital.
 *
 * <p>Long-only: an entry signal buys when flat, an exit signal (or a stop) sells when long.
 *
 * <p>Long-short ({@link Direction#LONG_SHORT}), a stop-and-reverse system once the first signal
 * came: an entry signal means "be long" (when short, the short is bought back and a long opened at
 * the same fill), an exit signal means "be short" (when long, the long is sold and a short opened
 * at the same fill). When flat, an entry signal opens a long, otherwise an exit signal opens a
 * short. Stops apply to both sides with mirrored levels and only close the position (to flat).
 * Shorts sell at {@code fill × (1 − s)} and buy back at {@code fill × (1 + s)}; fees are paid per
 * side as for longs; a short is sized like a long ({@code positionFraction × cash / (price × (1 +
 * fee))} units) and its proceeds stay in cash, equity being {@code cash − units × close}.
 *
 * @param fill which price fills a signal raised on a bar's close
 * @param direction long only, or long and short
 * @param feeBps fee per side in basis points of the traded notional (quantity × execution price)
 * @param slippageBps adverse price move in basis points of the fill price: buys execute at {@code
 *     fill × (1 + s)}, sells at {@code fill × (1 − s)}
 * @param positionFraction share of cash committed to each entry, fee included, in {@code (0, 1]}
 * @param capital starting equity in currency units; equity and trade pnl are in the same units
 */
public record ExecutionModel(
    Fill fill,
    Direction direction,
    double feeBps,
    double slippageBps,
    double positionFraction,
    double capital) {

  /** Default fee per side: 10 bp. */
  public static final double DEFAULT_FEE_BPS = 10;

  /** Default slippage: 5 bp. */
  public static final double DEFAULT_SLIPPAGE_BPS = 5;

  /** Default starting capital: 10,000 currency units. */
  public static final double DEFAULT_CAPITAL = 10_000;

  private static final ExecutionModel DEFAULTS =
      new ExecutionModel(Fill.NEXT_OPEN, DEFAULT_FEE_BPS, DEFAULT_SLIPPAGE_BPS, 1.0);

  /** When a signal evaluated on bar {@code i}'s close is filled. */
  public enum Fill {
    /** At bar {@code i + 1}'s open: the default, as a signal is only known once bar i closed. */
    NEXT_OPEN,
    /** At bar {@code i}'s close: optimistic, for comparison with close-to-close studies. */
    SAME_CLOSE
  }

  /** Which positions signals open. */
  public enum Direction {
    /** Entry signals buy, exit signals sell: the default. */
    LONG_ONLY,
    /** Stop-and-reverse between long (entry signal) and short (exit signal). */
    LONG_SHORT
  }

  public ExecutionModel {
    Objects.requireNonNull(fill, "fill");
    Objects.requireNonNull(direction, "direction");
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
    if (!(capital > 0) || Double.isInfinite(capital)) {
      throw new IllegalArgumentException("capital must be finite and > 0 but was " + capital);
    }
  }

  /**
   * The model an event's execution settings name ({@code fill} next-open or same-close, {@code
   * direction} long-only or long-short), as cycles, backtests and paper trading read them.
   *
   * @throws IllegalArgumentException if a setting is outside what the engine accepts
   */
  public static ExecutionModel of(ExecutionSettings settings) {
    Fill fill =
        switch (settings.fill()) {
          case "next-open" -> Fill.NEXT_OPEN;
          case "same-close" -> Fill.SAME_CLOSE;
          default -> throw new IllegalArgumentException("unknown fill " + settings.fill());
        };
    Direction direction =
        switch (settings.direction()) {
          case "long-only" -> Direction.LONG_ONLY;
          case "long-short" -> Direction.LONG_SHORT;
          default ->
              throw new IllegalArgumentException("unknown direction " + settings.direction());
        };
    return new ExecutionModel(
        fill,
        direction,
        settings.feeBps(),
        settings.slippageBps(),
        settings.positionFraction(),
        settings.capital());
  }

  /** A long-only model with {@value #DEFAULT_CAPITAL} starting capital. */
  public ExecutionModel(Fill fill, double feeBps, double slippageBps, double positionFraction) {
    this(fill, Direction.LONG_ONLY, feeBps, slippageBps, positionFraction, DEFAULT_CAPITAL);
  }

  /**
   * Next-open fills, long only, 10 bp fee per side, 5 bp slippage, whole equity per entry, 10,000
   * starting capital.
   */
  public static ExecutionModel defaults() {
    return DEFAULTS;
  }

  /** As {@link #defaults()} without fees or slippage. */
  public static ExecutionModel frictionless() {
    return new ExecutionModel(Fill.NEXT_OPEN, 0, 0, 1.0);
  }

  public ExecutionModel withFill(Fill fill) {
    return new ExecutionModel(fill, direction, feeBps, slippageBps, positionFraction, capital);
  }

  public ExecutionModel withDirection(Direction direction) {
    return new ExecutionModel(fill, direction, feeBps, slippageBps, positionFraction, capital);
  }

  public ExecutionModel withFeeBps(double feeBps) {
    return new ExecutionModel(fill, direction, feeBps, slippageBps, positionFraction, capital);
  }

  public ExecutionModel withSlippageBps(double slippageBps) {
    return new ExecutionModel(fill, direction, feeBps, slippageBps, positionFraction, capital);
  }

  public ExecutionModel withPositionFraction(double positionFraction) {
    return new ExecutionModel(fill, direction, feeBps, slippageBps, positionFraction, capital);
  }

  public ExecutionModel withCapital(double capital) {
    return new ExecutionModel(fill, direction, feeBps, slippageBps, positionFraction, capital);
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
