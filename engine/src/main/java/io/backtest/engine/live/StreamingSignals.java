package io.backtest.engine.live;

import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.Signals;
import io.backtest.engine.strategy.StrategyTemplate;
import java.time.Duration;

/**
 * A template's {@link Signals} one bar at a time: after {@link #add(OhlcvBar)} of the bar with
 * index {@code i}, {@link #entry()}, {@link #exit()} and {@link #atr()} are {@code entry[i]},
 * {@code exit[i]} and {@code stops.atr()[i]} of {@link StrategyTemplate#signals} over the bars
 * added so far. Not thread-safe.
 */
interface StreamingSignals {

  /**
   * Streaming signals of {@code template} at {@code params}: a {@link BuiltInSignals} kernel for a
   * built-in template (bounded cost per bar), else {@link ReplayedSignals} (cost per bar
   * proportional to the history).
   *
   * @param barDuration the bars' length, for the replayed series
   */
  static StreamingSignals of(StrategyTemplate template, Parameters params, Duration barDuration) {
    StreamingSignals builtIn = BuiltInSignals.of(template, params);
    return builtIn != null ? builtIn : new ReplayedSignals(template, params, barDuration);
  }

  /** Advances to {@code bar}, the next bar of the series (already validated by the caller). */
  void add(OhlcvBar bar);

  /** The template's entry rule at the latest bar, before the unstable-bar gate. */
  boolean entry();

  /** The template's exit rule (stops excluded) at the latest bar, before the unstable-bar gate. */
  boolean exit();

  /** The ATR the ATR stops compare with at the latest bar; NaN without ATR stops or in warm-up. */
  double atr();

  /** {@link Signals#unstableBars()}; valid once a bar was added. */
  int unstableBars();

  /** The stop levels of {@link Signals#stops()}; valid once a bar was added. */
  StopLevels stopLevels();

  /** Whether the cost of {@link #add} is bounded independently of the number of bars added. */
  boolean boundedCostPerBar();

  /**
   * The constant part of {@link io.backtest.engine.strategy.Stops}: percent and ATR-multiple
   * levels, NaN when off.
   */
  record StopLevels(double lossPct, double gainPct, double lossAtr, double gainAtr) {

    /** No stops. */
    static final StopLevels NONE = new StopLevels(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** {@link io.backtest.engine.strategy.Stops#any()}. */
    boolean any() {
      return !(Double.isNaN(lossPct)
          && Double.isNaN(gainPct)
          && Double.isNaN(lossAtr)
          && Double.isNaN(gainAtr));
    }
  }
}
