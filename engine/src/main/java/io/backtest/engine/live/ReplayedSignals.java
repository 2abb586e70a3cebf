package io.backtest.engine.live;

import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.Signals;
import io.backtest.engine.strategy.Stops;
import io.backtest.engine.strategy.StrategyTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fallback for templates without a {@link BuiltInSignals} kernel: keeps every bar and, on each
 * new one, recomputes {@link StrategyTemplate#signals} over the whole history and reads its last
 * index. Exact for any causal template (the value at {@code i} depends only on bars {@code 0..i},
 * which {@code CausalityTest} checks for the built-in ones), but each bar costs as much as a batch
 * backtest of the history so far: O(n) per bar, O(n²) for a replay of n bars. Fine for a short
 * paper-trading session of a custom template; give the template a kernel for anything longer.
 */
final class ReplayedSignals implements StreamingSignals {

  private final StrategyTemplate template;
  private final Parameters params;
  private final Duration barDuration;
  private final List<OhlcvBar> bars = new ArrayList<>();
  private boolean entry;
  private boolean exit;
  private double atr = Double.NaN;
  private int unstableBars;
  private StopLevels stops = StopLevels.NONE;

  ReplayedSignals(StrategyTemplate template, Parameters params, Duration barDuration) {
    this.template = template;
    this.params = params;
    this.barDuration = barDuration;
  }

  @Override
  public void add(OhlcvBar bar) {
    bars.add(bar);
    BarArrays history = BarArrays.of(template.id(), bars, barDuration);
    Signals signals = template.signals(new IndicatorSet(history), params);
    int i = bars.size() - 1;
    entry = signals.entry()[i];
    exit = signals.exit()[i];
    unstableBars = signals.unstableBars();
    Stops s = signals.stops();
    stops = new StopLevels(s.lossPct(), s.gainPct(), s.lossAtr(), s.gainAtr());
    atr = s.atr() == null ? Double.NaN : s.atr()[i];
  }

  @Override
  public boolean entry() {
    return entry;
  }

  @Override
  public boolean exit() {
    return exit;
  }

  @Override
  public double atr() {
    return atr;
  }

  @Override
  public int unstableBars() {
    return unstableBars;
  }

  @Override
  public StopLevels stopLevels() {
    return stops;
  }

  @Override
  public boolean boundedCostPerBar() {
    return false;
  }
}
