package io.backtest.regime;

import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.regime.HmmRegimeDetector;
import io.backtest.engine.regime.RegimeChange;
import io.backtest.engine.regime.RegimeDetector;
import io.backtest.engine.regime.TrendRegimeDetector;
import io.backtest.engine.regime.VolatilityRegimeDetector;
import io.backtest.engine.regime.VolatilityRegimeDetector.Estimator;
import io.backtest.engine.regime.VolatilityRegimeDetector.Thresholds;
import io.backtest.regime.domain.RegimeDetectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The regime-switching test series (the engine's {@link SyntheticBars}) and the detector settings
 * of the test profile (application.properties, {@code %test.regime.*}), sized for a few hundred
 * 1-minute bars: three regimes of 30 to 40 bars on average whose volatilities are 2.5 to 6 times
 * apart, and detectors with a 5-bar window and a 100-bar trailing window.
 */
public final class RegimeSeries {
  public static final Instant START = Instant.parse("2026-02-02T00:00:00Z");

  public static final List<SyntheticBars.Regime> REGIMES =
      List.of(
          new SyntheticBars.Regime("quiet-up", 0.002, 0.002, 40),
          new SyntheticBars.Regime("volatile-down", -0.004, 0.012, 30),
          new SyntheticBars.Regime("sideways", 0.0, 0.005, 40));

  public static final VolatilityRegimeDetector.Settings VOLATILITY =
      new VolatilityRegimeDetector.Settings(
          Estimator.GARMAN_KLASS, 5, 100, 20, Thresholds.MIXTURE, 25, 75, 2, 0.02, 0.2, 4);

  public static final TrendRegimeDetector.Settings TREND =
      new TrendRegimeDetector.Settings(5, 5, 25, 20, 5, 3);

  public static final int HMM_TRAINING_BARS = 100;

  public static final RegimeDetectors.Settings SETTINGS =
      new RegimeDetectors.Settings(
          VOLATILITY,
          TREND,
          3,
          HMM_TRAINING_BARS,
          100,
          HmmRegimeDetector.DEFAULT_CONFIRMATION_BARS,
          500,
          1e-9);

  private RegimeSeries() {}

  /** {@code bars} 1-minute bars of the regime-switching series with {@code seed}. */
  public static SyntheticBars.Generated generate(int bars, long seed) {
    return SyntheticBars.regimeSwitching(
        new SyntheticBars.Frame(bars, seed, START, Duration.ofMinutes(1), 100), REGIMES);
  }

  /** Every change an engine detector reports on the bars, fed directly. */
  public static <R extends Enum<R>> List<RegimeChange<R>> changes(
      RegimeDetector<R> detector, List<io.backtest.engine.data.OhlcvBar> bars) {
    List<RegimeChange<R>> changes = new ArrayList<>();
    for (var bar : bars) {
      detector.update(bar).ifPresent(changes::add);
    }
    return changes;
  }
}
