package io.backtest.scoring.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The arithmetic of a close, without the database. */
class ScoringServiceTest {

  @Test
  void unscoredResultsCountTheScoredOnesMeanTrialsRoundedUp() {
    // 3 scored results tried 50 + 30 + 20 = 100: a mean of 33⅓; 2 unscored: 66⅔, rounded up 67
    assertThat(ScoringService.uncountedTrials(2, 100, 3)).isEqualTo(67);
    // an exact mean stays exact: 4 × (120 / 4)
    assertThat(ScoringService.uncountedTrials(4, 120, 4)).isEqualTo(120);
    // without walk-forward every result is one trial
    assertThat(ScoringService.uncountedTrials(5, 7, 7)).isEqualTo(5);
  }

  @Test
  void nothingScoredOrNothingMissingCountsNoExtraTrials() {
    assertThat(ScoringService.uncountedTrials(3, 0, 0)).isZero();
    assertThat(ScoringService.uncountedTrials(0, 100, 3)).isZero();
  }
}
