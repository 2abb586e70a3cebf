package io.backtest.strategy.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersJsonTest {
  private static final StrategyTemplate SMA = StrategyTemplates.builtIn().get("sma-crossover");

  @Test
  void canonicalJsonFollowsTheTemplateOrderWhateverTheInputOrder() {
    Map<String, Integer> reversed = new LinkedHashMap<>();
    reversed.put("slow", 50);
    reversed.put("fast", 10);
    assertThat(ParametersJson.write(SMA, Parameters.of(reversed)))
        .isEqualTo("{\"fast\":10,\"slow\":50}");
    assertThat(ParametersJson.read("{\"fast\":10,\"slow\":50}"))
        .containsExactly(Map.entry("fast", 10), Map.entry("slow", 50));
  }

  @Test
  void definitionValuesMustBeIntegersOnTheTemplateGrid() {
    assertThat(ParametersJson.fromDefinition(SMA, Map.of("slow", 50L, "fast", 10.0)))
        .isEqualTo(Parameters.empty().with("fast", 10).with("slow", 50));
    assertThatThrownBy(() -> ParametersJson.fromDefinition(SMA, Map.of("fast", 10.5, "slow", 50)))
        .hasMessage("parameter fast=10.5 is not an integer");
    assertThatThrownBy(() -> ParametersJson.fromDefinition(SMA, Map.of("fast", 30, "slow", 20)))
        .hasMessageContaining("fast < slow");
    assertThatThrownBy(() -> ParametersJson.fromDefinition(SMA, Map.of("fast", 3, "slow", 20)))
        .hasMessageContaining("not on the grid");
  }
}
