package io.backtest.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyTemplatesTest {

  @Test
  void builtInRegistryListsTheNineFamiliesBaselineFirst() {
    assertThat(StrategyTemplates.builtIn().ids())
        .containsExactly(
            "buy-and-hold",
            "sma-crossover",
            "ema-crossover",
            "rsi-reversion",
            "bollinger-reversion",
            "bollinger-breakout",
            "macd",
            "donchian-breakout",
            "momentum");
  }

  @Test
  void everyTemplateWithParametersHasAGridOfFiftyToTwoThousandPoints() {
    for (StrategyTemplate template : StrategyTemplates.builtIn().all()) {
      int size = template.space().gridSize();
      if (template.id().equals("buy-and-hold")) {
        assertThat(template.space().grid()).containsExactly(Parameters.empty());
      } else {
        assertThat(size).as(template.id()).isBetween(50, 2_000);
      }
    }
  }

  @Test
  void lookupByIdFindsTemplate() {
    assertThat(StrategyTemplates.builtIn().get("sma-crossover").id()).isEqualTo("sma-crossover");
    assertThat(StrategyTemplates.builtIn().find("sma-crossover")).isPresent();
    assertThat(StrategyTemplates.builtIn().find("nope")).isEmpty();
  }

  @Test
  void unknownIdNamesTheKnownOnes() {
    assertThatThrownBy(() -> StrategyTemplates.builtIn().get("rsi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "unknown strategy template 'rsi'; known: [buy-and-hold, sma-crossover,");
  }

  @Test
  void duplicateIdsAreRejected() {
    assertThatThrownBy(
            () ->
                new StrategyTemplates(
                    List.of(new SmaCrossoverTemplate(), new SmaCrossoverTemplate())))
        .hasMessage("duplicate strategy template id 'sma-crossover'");
  }
}
