package io.backtest.regime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Min;

/** Settings of the regime service. */
@ConfigMapping(prefix = "regime")
public interface RegimeConfig {

  /**
   * Bars kept per symbol and timeframe: the most recent by bar time. At least 2, so that a window
   * holds at least one return.
   */
  @WithName("window-size")
  @WithDefault("500")
  @Min(2)
  int windowSize();
}
