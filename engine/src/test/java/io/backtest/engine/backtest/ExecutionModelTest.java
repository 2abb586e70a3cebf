package io.backtest.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.events.ExecutionSettings;
import org.junit.jupiter.api.Test;

class ExecutionModelTest {

  @Test
  void eventSettingsNameTheModel() {
    assertThat(ExecutionModel.of(new ExecutionSettings("same-close", "long-short", 3, 2, 0.5, 5e4)))
        .isEqualTo(
            new ExecutionModel(
                ExecutionModel.Fill.SAME_CLOSE,
                ExecutionModel.Direction.LONG_SHORT,
                3,
                2,
                0.5,
                5e4));
    assertThat(ExecutionModel.of(new ExecutionSettings("next-open", "long-only", 10, 5, 1, 1e4)))
        .isEqualTo(ExecutionModel.defaults());
  }
}
