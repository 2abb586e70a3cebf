package io.backtest.strategy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Limits of uploaded and generated datasets. quarkus.http.limits.max-body-size must stay above
 * {@link #maxUploadBytes()}, or Vert.x refuses larger bodies before this service can say why.
 */
@ConfigMapping(prefix = "strategy.datasets")
public interface DatasetConfig {

  /** Largest CSV body accepted by {@code POST /api/v1/datasets}, in bytes (64 MiB). */
  @WithName("max-upload-bytes")
  @WithDefault("67108864")
  long maxUploadBytes();

  /** Most bars of an uploaded or synthetic dataset. */
  @WithName("max-bars")
  @WithDefault("1000000")
  int maxBars();

  /**
   * Bars the decoded-bar cache keeps in all (about 100 bytes each): least recently used datasets
   * are evicted beyond it, but the most recent one stays even when it alone is larger.
   */
  @WithName("cache-max-bars")
  @WithDefault("3000000")
  long cacheMaxBars();
}
