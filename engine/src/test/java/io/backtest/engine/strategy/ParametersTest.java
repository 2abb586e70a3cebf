package io.backtest.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

  @Test
  void toStringListsNamesInInsertionOrder() {
    assertThat(Parameters.empty().with("fast", 10).with("slow", 50))
        .hasToString("fast=10, slow=50");
    assertThat(Parameters.empty().with("slow", 50).with("fast", 10))
        .hasToString("slow=50, fast=10");
  }

  @Test
  void equalityIsByContent() {
    Parameters a = Parameters.empty().with("fast", 10).with("slow", 50);
    Parameters b = Parameters.of(Map.of("slow", 50, "fast", 10));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(a.with("slow", 60));
  }

  @Test
  void isImmutableCopyOfItsInput() {
    Map<String, Integer> source = new LinkedHashMap<>();
    source.put("fast", 10);
    Parameters parameters = Parameters.of(source);
    source.put("fast", 12);

    assertThat(parameters.getInt("fast")).isEqualTo(10);
    assertThatThrownBy(() -> parameters.asMap().put("slow", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void withReplacesValueInPlace() {
    Parameters p = Parameters.empty().with("fast", 10).with("slow", 50).with("fast", 12);

    assertThat(p).hasToString("fast=12, slow=50");
  }

  @Test
  void unknownNameIsRejected() {
    assertThatThrownBy(() -> Parameters.empty().with("fast", 10).getInt("slow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no parameter 'slow' in fast=10");
  }
}
