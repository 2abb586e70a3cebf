package io.backtest.strategy.domain;

import java.util.Objects;

/**
 * What makes two strategies the same trading system: template, parameters (canonical JSON) and
 * dataset. The live set never holds two strategies with one key.
 */
public record StrategyKey(String template, String parameters, String datasetId) {
  public StrategyKey {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(datasetId, "datasetId");
  }
}
