package io.backtest.engine.walkforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.strategy.BuyAndHoldTemplate;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.SmaCrossoverTemplate;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterRegionTest {

  private static final SmaCrossoverTemplate SMA = new SmaCrossoverTemplate();

  private static Parameters sma(int fast, int slow) {
    return Parameters.empty().with("fast", fast).with("slow", slow);
  }

  @Test
  void gridRegionIsTheNearestPointsByStepsCandidateFirst() {
    // fast has step 2, slow step 10: the 8 neighbours one step away in either or both come next,
    // the four axis neighbours (sum of squares 1) before the four diagonal ones (2).
    List<Parameters> region =
        ParameterRegion.around(SMA.space(), sma(10, 50), WalkForwardSpec.Search.GRID, 9, 1);

    assertThat(region.getFirst()).isEqualTo(sma(10, 50));
    assertThat(region.subList(1, 5))
        .containsExactlyInAnyOrder(sma(8, 50), sma(12, 50), sma(10, 40), sma(10, 60));
    assertThat(region.subList(5, 9))
        .containsExactlyInAnyOrder(sma(8, 40), sma(8, 60), sma(12, 40), sma(12, 60));
  }

  @Test
  void regionRespectsConstraintsAndTheGridEdge() {
    // fast=2, slow=10 sits in a corner: fast < slow and the ranges' minimums cut the neighbourhood.
    List<Parameters> region =
        ParameterRegion.around(SMA.space(), sma(2, 10), WalkForwardSpec.Search.GRID, 50, 1);

    assertThat(region).hasSize(50).doesNotHaveDuplicates();
    assertThat(region).allMatch(p -> p.getInt("fast") < p.getInt("slow"));
    assertThat(region.getFirst()).isEqualTo(sma(2, 10));
  }

  @Test
  void randomRegionKeepsTheCandidateAndIsReproducibleBySeed() {
    List<Parameters> a =
        ParameterRegion.around(SMA.space(), sma(20, 100), WalkForwardSpec.Search.RANDOM, 50, 7);
    List<Parameters> b =
        ParameterRegion.around(SMA.space(), sma(20, 100), WalkForwardSpec.Search.RANDOM, 50, 7);
    List<Parameters> c =
        ParameterRegion.around(SMA.space(), sma(20, 100), WalkForwardSpec.Search.RANDOM, 50, 8);
    List<Parameters> nearest =
        ParameterRegion.around(SMA.space(), sma(20, 100), WalkForwardSpec.Search.GRID, 200, 0);

    assertThat(a).isEqualTo(b).hasSize(50).doesNotHaveDuplicates();
    assertThat(a.getFirst()).isEqualTo(sma(20, 100));
    assertThat(c).isNotEqualTo(a);
    // Drawn from the 4K = 200 nearest points.
    assertThat(new HashSet<>(nearest)).containsAll(a);
  }

  @Test
  void optionalParametersOfTheCandidateAreKeptOnEveryPoint() {
    Parameters withStop = sma(10, 50).with("stopLossPct", 2.5);
    List<Parameters> region =
        ParameterRegion.around(SMA.space(), withStop, WalkForwardSpec.Search.GRID, 5, 1);

    assertThat(region).allMatch(p -> p.getDouble("stopLossPct") == 2.5);
    assertThat(region).allMatch(SMA.space()::isValid);
  }

  @Test
  void aTemplateWithoutParametersHasARegionOfOne() {
    BuyAndHoldTemplate hold = new BuyAndHoldTemplate();
    assertThat(
            ParameterRegion.around(
                hold.space(), Parameters.empty(), WalkForwardSpec.Search.GRID, 50, 1))
        .containsExactly(Parameters.empty());
  }

  @Test
  void anInvalidCandidateIsRefused() {
    assertThatThrownBy(
            () ->
                ParameterRegion.around(SMA.space(), sma(60, 50), WalkForwardSpec.Search.GRID, 5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fast=60");
  }
}
