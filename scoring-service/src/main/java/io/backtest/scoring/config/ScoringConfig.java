package io.backtest.scoring.config;

import io.backtest.contracts.events.ScoringWeights;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Settings of scoring and cycle completion. */
@ConfigMapping(prefix = "scoring")
public interface ScoringConfig {

  /**
   * How long an open cycle may go without any of its events before it is closed with what is in
   * (the missing results counted as failed); also the grace period after start-up before the first
   * closure, so that a restarted service reads its backlog first.
   */
  @WithName("cycle-timeout")
  @WithDefault("10m")
  Duration cycleTimeout();

  /** How often open cycles are checked against the timeout. */
  @WithName("timeout-check-interval")
  @WithDefault("30s")
  Duration timeoutCheckInterval();

  /** Cycles closed at most per check (the rest wait for the next one). */
  @WithName("timeout-batch-size")
  @WithDefault("100")
  int timeoutBatchSize();

  /** Combinatorially symmetric cross-validation of a cycle's ranking (the PBO). */
  Cscv cscv();

  /** Correlations a cycle's close computes. */
  Correlation correlation();

  /** Default weights of the composite score, for a cycle whose cycle.started names none. */
  Weights weights();

  /** CSCV settings. */
  interface Cscv {
    /**
     * S, the blocks the out-of-sample returns are cut into: even, 2 to 24; C(S, S/2) splits are
     * evaluated (12,870 for 16, the paper's suggestion).
     */
    @WithName("partitions")
    @WithDefault("16")
    int partitions();
  }

  /** Correlation settings. */
  interface Correlation {
    /**
     * The best candidates of a cycle whose correlations with each other and with the live set are
     * computed and published in cycle.scored (n(n−1)/2 pairs: 256 keep the event near 450 KB).
     */
    @WithName("max-candidates")
    @WithDefault("256")
    int maxCandidates();
  }

  /** Composite score weights, each ≥ 0, at least one positive. */
  interface Weights {
    /** Weight of the deflated Sharpe ratio. */
    @WithName("deflated-sharpe")
    @WithDefault("0.5")
    double deflatedSharpe();

    /** Weight of the annualised Sharpe ratio over 3, clamped to [0, 1]. */
    @WithName("sharpe")
    @WithDefault("0.2")
    double sharpe();

    /** Weight of the share of profitable out-of-sample folds. */
    @WithName("consistency")
    @WithDefault("0.15")
    double consistency();

    /** Weight of 1 − maxDrawdown / 0.5, clamped to [0, 1]. */
    @WithName("drawdown")
    @WithDefault("0.15")
    double drawdown();

    /** The weights as the events carry them; fails for a negative or all-zero set. */
    default ScoringWeights toScoringWeights() {
      return new ScoringWeights(deflatedSharpe(), sharpe(), consistency(), drawdown());
    }
  }
}
