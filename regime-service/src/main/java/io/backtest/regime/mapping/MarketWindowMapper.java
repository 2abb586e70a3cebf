package io.backtest.regime.mapping;

import io.backtest.regime.domain.MarketWindow;
import io.backtest.regime.domain.WindowBar;
import io.backtest.regime.rest.BarView;
import io.backtest.regime.rest.MarketWindowView;
import java.util.OptionalDouble;

/** Windows and bars to their API form. */
public final class MarketWindowMapper {
  private MarketWindowMapper() {}

  public static MarketWindowView toView(MarketWindow window) {
    OptionalDouble volatility = window.moments().annualisedVolatility(window.barsPerYear);
    return new MarketWindowView(
        window.symbol,
        window.timeframe,
        window.bars,
        window.firstTime,
        window.lastTime,
        window.lastClose,
        volatility.isPresent() ? volatility.getAsDouble() : null,
        window.barsPerYear);
  }

  public static BarView toView(WindowBar bar) {
    return new BarView(bar.id.openTime(), bar.open, bar.high, bar.low, bar.close, bar.volume);
  }
}
