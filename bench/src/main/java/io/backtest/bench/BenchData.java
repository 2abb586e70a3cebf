package io.backtest.bench;

import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.SyntheticBars;
import java.time.Duration;
import java.time.Instant;

/**
 * Benchmark data: the engine's seeded GBM series of 1-minute bars, so every run measures the same
 * work on the same prices.
 */
public final class BenchData {

  /** The seed of every benchmark series. */
  public static final long SEED = 7;

  private BenchData() {}

  /** {@code bars} GBM bars (drift 0, volatility 0.1 % per bar) from 2024-01-01. */
  public static BarArrays gbm(int bars) {
    Duration minute = Duration.ofMinutes(1);
    SyntheticBars.Generated generated =
        SyntheticBars.gbm(
            new SyntheticBars.Frame(bars, SEED, Instant.parse("2024-01-01T00:00:00Z"), minute, 100),
            SyntheticBars.DEFAULT_DRIFT,
            SyntheticBars.DEFAULT_VOLATILITY);
    return BarArrays.of("gbm-" + bars, generated.bars(), minute);
  }
}
