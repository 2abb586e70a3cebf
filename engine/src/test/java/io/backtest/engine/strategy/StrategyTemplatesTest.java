package io.backtest.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyTemplatesTest {

  @Test
  void builtInRegistryListsSmaCrossover() {
    assertThat(StrategyTemplates.builtIn().ids()).containsExactly("sma-crossover");
    assertThat(StrategyTemplates.builtIn().all())
        .singleElement()
        .isInstanceOf(SmaCrossoverTemplate.class);
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
        .hasMessage("unknown strategy template 'rsi'; known: [sma-crossover]");
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
