package io.backtest.engine.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance of the selection, at full size (200 SMA-crossover candidates on 5,000 daily bars,
 * 20 seeds each; about half a second a cycle): no edge by construction → nothing promoted in at
 * least 19 of 20 seeds; a planted, persistent edge → a trend follower promoted in at least 19 of 20
 * seeds. The bench prints the same runs in detail.
 */
class StatisticalHonestyTest {
  private static final int SEEDS = 20;
  private static final int CANDIDATES = 200;

  @Test
  void aCycleOnARandomWalkPromotesNothing() {
    List<SelectionExperiment.Run> runs = SelectionExperiment.onNoise(SEEDS, CANDIDATES);
    long clean = runs.stream().filter(r -> r.promoted() == 0).count();
    assertThat(clean).as("seeds in which noise promoted nothing").isGreaterThanOrEqualTo(19);
    for (SelectionExperiment.Run run : runs) {
      run.outcome()
          .decision()
          .verdicts()
          .forEach(v -> assertThat(v.reason()).matches("(rejected|not promoted|promoted): .+"));
    }
  }

  @Test
  void aCycleOnAPlantedEdgePromotesATrendFollower() {
    List<SelectionExperiment.Run> runs =
        SelectionExperiment.onEdge(SEEDS, CANDIDATES, SelectionExperiment.EDGE_DRIFT);
    long found =
        runs.stream()
            .filter(r -> r.outcome().promotedTemplates().contains("sma-crossover"))
            .count();
    assertThat(found).as("seeds in which the edge was found").isGreaterThanOrEqualTo(19);
    for (SelectionExperiment.Run run : runs) {
      // every promotion names the numbers it passed on
      run.outcome()
          .decision()
          .promotions()
          .forEach(v -> assertThat(v.reason()).contains("DSR").contains("trials").contains("live"));
    }
  }
}
