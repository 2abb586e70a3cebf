package io.backtest.monitoring.config;

import io.backtest.engine.drift.DriftMonitor;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Paper trading and drift detection settings. */
@ConfigMapping(prefix = "monitoring")
public interface MonitoringConfig {

  /** The drift detectors' parameters (DriftMonitor.Settings); the defaults are the engine's. */
  Drift drift();

  /** Paper trading. */
  Paper paper();

  /** Alerts. */
  Alerts alerts();

  interface Alerts {
    /**
     * Detectors whose regime changes raise an INFO alert for the strategies live on the market. The
     * trend detector is left out by default: on daily bars it flips several times as often as the
     * market's drift regimes do, and an alert nobody needs hides the ones that matter.
     */
    @WithName("regime-detectors")
    @WithDefault("volatility,hmm")
    Set<String> regimeDetectors();
  }

  interface Drift {
    /** The mean-shift detector: CUSUM or PAGE_HINKLEY. */
    @WithName("change-detection")
    @WithDefault("CUSUM")
    DriftMonitor.ChangeDetection changeDetection();

    /**
     * In-control average run length, in points, that calibrates the mean-shift detector's
     * threshold; absent for the engine's default (CusumDetector.defaultInControlRunLength).
     */
    @WithName("in-control-run-length")
    OptionalDouble inControlRunLength();

    /** The drawdown detector's multiple of the backtest's maximum drawdown. */
    @WithName("drawdown-factor")
    @WithDefault("1.5")
    double drawdownFactor();

    /** The drawdown detector's absolute limit, a fraction of the peak. */
    @WithName("drawdown-limit")
    @WithDefault("0.20")
    double drawdownLimit();

    /** The live Sharpe check's PSR threshold. */
    @WithName("sharpe-threshold")
    @WithDefault("0.001")
    double sharpeThreshold();

    /** The live Sharpe check's minimum-track-record confidence. */
    @WithName("sharpe-confidence")
    @WithDefault("0.95")
    double sharpeConfidence();

    /** The trade-frequency check's two-sided significance. */
    @WithName("trade-alpha")
    @WithDefault("0.001")
    double tradeAlpha();

    /** These settings as the engine takes them. */
    default DriftMonitor.Settings settings() {
      return new DriftMonitor.Settings(
          changeDetection(),
          inControlRunLength().orElse(Double.NaN),
          drawdownFactor(),
          drawdownLimit(),
          sharpeThreshold(),
          sharpeConfidence(),
          tradeAlpha());
    }
  }

  interface Paper {
    /**
     * Most stored bars before the promotion used to warm the strategy's indicators up (the most
     * recent ones).
     */
    @WithName("warm-up-bars")
    @WithDefault("1000")
    int warmUpBars();

    /** Threads of the paper-trading pool; absent for one per core. */
    Optional<Integer> threads();
  }
}
