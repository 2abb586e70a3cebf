package io.backtest.strategy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Market replay: a dataset's bars published to {@code market.bars} ({@code MarketReplayer}). */
@ConfigMapping(prefix = "strategy.replay")
public interface ReplayConfig {

  /**
   * Replays running at once on one instance, each on a thread of its own; a request beyond it is
   * refused (409) until one ends.
   */
  @WithName("max-running")
  @WithDefault("4")
  int maxRunning();

  /**
   * Bars sent before the replay waits for the broker's acknowledgements and records its progress. A
   * paced replay records it at least four times a second.
   */
  @WithName("batch-size")
  @WithDefault("500")
  int batchSize();

  /** How often a replay waiting between slow bars still records that it is alive. */
  @WithName("heartbeat-interval")
  @WithDefault("5s")
  Duration heartbeatInterval();

  /**
   * A running replay without a sign of life for this long is taken as lost with its instance and
   * marked FAILED (at start-up and before a new replay starts). Keep it well above {@link
   * #heartbeatInterval()}.
   */
  @WithName("stale-after")
  @WithDefault("2m")
  Duration staleAfter();

  /**
   * Name of this instance, the owner of the replays it runs: a restarted instance marks its
   * unfinished replays FAILED. The host name (the pod's name on Kubernetes) when not set.
   */
  @WithName("instance-id")
  Optional<String> instanceId();
}
