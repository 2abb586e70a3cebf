package io.backtest.engine.regime;

import io.backtest.engine.data.OhlcvBar;
import java.util.Optional;

/**
 * An online regime detector for one symbol: fed bars one at a time in time order, it classifies the
 * market after a warm-up and reports each change of class.
 *
 * @param <R> the regime type
 */
public interface RegimeDetector<R extends Enum<R>> {

  /** Short stable name, carried by every {@link RegimeChange} (e.g. {@code volatility}). */
  String name();

  /**
   * Takes the next bar.
   *
   * @param bar the bar after the previous one fed
   * @return the change this bar caused: the first regime when the warm-up ends ({@link
   *     RegimeChange#isFirst()}), a change of regime later, empty otherwise
   */
  Optional<RegimeChange<R>> update(OhlcvBar bar);

  /** The current regime; empty during the warm-up. */
  Optional<R> current();

  /** Bars fed so far. */
  long barCount();

  /** Bars fed before the first regime: the regime is known once {@code barCount() >= } this. */
  long warmUpBars();
}
