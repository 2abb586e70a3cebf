package io.backtest.strategy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.walkforward.WalkForwardSpec;
import io.backtest.strategy.config.BacktestApiConfig;
import io.backtest.support.http.ProblemException;
import org.junit.jupiter.api.Test;

/** The limits of a synchronous backtest, at their boundaries. */
class SyncBacktestLimitsTest {

  private static BacktestApiConfig limits(long maxBarSteps, int maxBars) {
    return new BacktestApiConfig() {
      @Override
      public long maxBarSteps() {
        return maxBarSteps;
      }

      @Override
      public int maxBars() {
        return maxBars;
      }
    };
  }

  @Test
  void aPlainBacktestCostsOneStepPerBarAndMayReachBothLimits() {
    assertThatCode(() -> SyncBacktestService.checkLimits(200_000, null, limits(200_000, 200_000)))
        .doesNotThrowAnyException();
  }

  @Test
  void aRecordOverTheBarLimitIsRefusedSayingBothFigures() {
    assertThatThrownBy(
            () -> SyncBacktestService.checkLimits(200_001, null, limits(400_000_000, 200_000)))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(422))
        .hasMessage(
            "the evaluated record spans 200,001 bars, over the limit of 200,000 for a synchronous"
                + " backtest's answer; run it as a cycle (POST /api/v1/cycles), or use a shorter"
                + " dataset");
  }

  @Test
  void withWalkForwardOnlyTheOutOfSampleBarsCountTowardsTheRecord() {
    // 1,000,000 bars, in-sample 500,000, out-of-sample 100,000: folds test [500,000, 600,000) ...
    // [900,000, 1,000,000), 5 · 100,000 = 500,000 bars in the record.
    WalkForwardSpec spec =
        WalkForwardSpec.rolling(500_000, 100_000).withSearch(WalkForwardSpec.Search.GRID, 1);
    assertThatCode(
            () -> SyncBacktestService.checkLimits(1_000_000, spec, limits(Long.MAX_VALUE, 500_000)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> SyncBacktestService.checkLimits(1_000_000, spec, limits(Long.MAX_VALUE, 499_999)))
        .hasMessageStartingWith(
            "the evaluated record spans 500,000 bars, over the limit of 499,999");
  }

  @Test
  void workOverTheBarStepLimitIsRefusedBeforeTheBarLimitIsLookedAt() {
    // K = 1: 5 folds · (500,000 + 100,000) + 1,000,000 = 4,000,000 bar-steps
    WalkForwardSpec spec =
        WalkForwardSpec.rolling(500_000, 100_000).withSearch(WalkForwardSpec.Search.GRID, 1);
    assertThatCode(
            () -> SyncBacktestService.checkLimits(1_000_000, spec, limits(4_000_000, 500_000)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> SyncBacktestService.checkLimits(1_000_000, spec, limits(3_999_999, 1)))
        .hasMessageStartingWith(
            "this backtest takes 4,000,000 bar-steps (per fold K = points in-sample windows plus"
                + " the out-of-sample one, plus K signal series over every bar), over the limit of"
                + " 3,999,999 for a synchronous backtest; run it as a cycle (POST /api/v1/cycles)");
  }
}
