package io.backtest.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSpaceTest {

  private final ParameterSpace space =
      ParameterSpace.builder()
          .range("a", 1, 3, 1)
          .range("b", 1, 3, 1)
          .constraint("a < b", p -> p.getInt("a") < p.getInt("b"))
          .build();

  private static Parameters ab(int a, int b) {
    return Parameters.empty().with("a", a).with("b", b);
  }

  @Test
  void gridListsValidCombinationsFirstRangeSlowest() {
    // 3 × 3 = 9 raw combinations; a < b keeps (1,2), (1,3), (2,3).
    assertThat(space.grid()).containsExactly(ab(1, 2), ab(1, 3), ab(2, 3));
    assertThat(space.gridSize()).isEqualTo(3);
  }

  @Test
  void gridIsStableAcrossCalls() {
    assertThat(space.grid()).isEqualTo(space.grid());
  }

  @Test
  void rangeValuesStopAtMaxWhenMaxIsOffTheStepGrid() {
    ParameterRange range = ParameterRange.ofInt("x", 1, 10, 4);

    // 1, 5, 9 (13 > 10)
    assertThat(range.count()).isEqualTo(3);
    assertThat(List.of(range.valueAt(0), range.valueAt(1), range.valueAt(2)))
        .containsExactly((Number) 1, 5, 9);
    assertThat(range.contains(5)).isTrue();
    assertThat(range.contains(6)).isFalse();
    assertThat(range.contains(13)).isFalse();
  }

  @Test
  void validParametersPass() {
    space.validate(ab(1, 3));

    assertThat(space.isValid(ab(2, 3))).isTrue();
  }

  @Test
  void outOfRangeValueIsRejectedWithRange() {
    assertThatThrownBy(() -> space.validate(ab(0, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a=0 is outside 1..3");
  }

  @Test
  void offGridValueIsRejectedWithStep() {
    ParameterSpace even = ParameterSpace.builder().range("n", 2, 10, 2).build();

    assertThatThrownBy(() -> even.validate(Parameters.empty().with("n", 3)))
        .hasMessage("n=3 is not on the grid 2..10 step 2");
  }

  @Test
  void constraintViolationIsRejectedWithItsDescription() {
    assertThatThrownBy(() -> space.validate(ab(3, 2)))
        .hasMessage("constraint 'a < b' violated by a=3, b=2");
  }

  @Test
  void missingAndUnknownParametersAreAllReported() {
    assertThat(space.violations(Parameters.empty().with("a", 1).with("c", 2)))
        .containsExactly("missing parameter 'b'", "unknown parameter 'c' (expected [a, b])");
  }

  @Test
  void duplicateRangeNamesAreRejected() {
    assertThatThrownBy(() -> ParameterSpace.builder().range("a", 1, 2, 1).range("a", 1, 2, 1))
        .hasMessage("parameter 'a' is declared twice");
  }

  @Test
  void invalidRangesAreRejected() {
    assertThatThrownBy(() -> ParameterRange.ofInt("x", 5, 1, 1))
        .hasMessage("parameter 'x': min 5 is greater than max 1");
    assertThatThrownBy(() -> ParameterRange.ofInt("x", 1, 5, 0))
        .hasMessage("parameter 'x': step must be > 0 but was 0");
  }

  @Test
  void oversizedGridIsRefused() {
    ParameterSpace huge =
        ParameterSpace.builder().range("x", 1, 10_000, 1).range("y", 1, 10_000, 1).build();

    assertThatThrownBy(huge::grid).isInstanceOf(IllegalStateException.class);
  }
}
