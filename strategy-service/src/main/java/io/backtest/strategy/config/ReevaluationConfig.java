package io.backtest.strategy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Re-evaluation: a new cycle when the market regime of a symbol with live strategies changes
 * ({@code RegimeReevaluationService}).
 */
@ConfigMapping(prefix = "strategy.reevaluation")
public interface ReevaluationConfig {

  /** Whether a regime change starts a cycle at all; off by default (the event is acknowledged). */
  @WithDefault("false")
  boolean enabled();

  /** Least time between two re-evaluation cycles of one symbol and timeframe. */
  @WithDefault("6h")
  Duration minInterval();

  /** Candidates of a re-evaluation cycle (1 to 1000). */
  @WithDefault("60")
  int candidates();

  /** Detectors whose changes start a cycle: {@code volatility}, {@code trend}, {@code hmm}. */
  @WithDefault("volatility,trend")
  List<String> detectors();

  /** Templates of a re-evaluation cycle's candidates; the cycles' default template when not set. */
  Optional<List<String>> templates();
}
