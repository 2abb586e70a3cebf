package io.backtest.strategy.mapping;

import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.domain.StrategyKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entities as the event contract describes them. */
public final class EventMapper {
  private EventMapper() {}

  public static DatasetRef datasetRef(Dataset d) {
    return new DatasetRef(d.id, d.symbol, d.timeframe, d.barsPerYear);
  }

  public static StrategyDefinition definition(Strategy s) {
    Map<String, Number> parameters = new LinkedHashMap<>(ParametersJson.read(s.parameters));
    return new StrategyDefinition(s.template, parameters);
  }

  /** What makes the strategy the same trading system as another (the duplicate rule). */
  public static StrategyKey key(Strategy s) {
    return new StrategyKey(s.template, s.parameters, s.datasetId);
  }
}
