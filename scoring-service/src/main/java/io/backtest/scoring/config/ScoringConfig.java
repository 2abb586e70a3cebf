package io.backtest.scoring.config;

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
}
