package io.backtest.engine.walkforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardSpecTest {

  @Test
  void rollingFoldsMoveTheInSampleWindowWithTheOutOfSampleWindow() {
    List<FoldWindow> folds = WalkForwardSpec.rolling(100, 20).folds(185);

    // Out-of-sample windows start at 100, 120, 140, 160; a fifth would end at 200 > 185.
    assertThat(folds)
        .containsExactly(
            new FoldWindow(0, 0, 100, 100, 120),
            new FoldWindow(1, 20, 120, 120, 140),
            new FoldWindow(2, 40, 140, 140, 160),
            new FoldWindow(3, 60, 160, 160, 180));
  }

  @Test
  void anchoredFoldsAllStartAtTheFirstBar() {
    List<FoldWindow> folds =
        WalkForwardSpec.rolling(100, 20).withWindows(WalkForwardSpec.Windows.ANCHORED).folds(140);

    assertThat(folds)
        .containsExactly(new FoldWindow(0, 0, 100, 100, 120), new FoldWindow(1, 0, 120, 120, 140));
  }

  @Test
  void aStepLongerThanTheOutOfSampleWindowLeavesGaps() {
    List<FoldWindow> folds = WalkForwardSpec.rolling(50, 10).withStepBars(25).folds(120);

    assertThat(folds)
        .extracting(FoldWindow::outOfSampleFrom)
        .containsExactly(50, 75, 100); // 125 would need bars up to 135
    assertThat(folds).allMatch(f -> f.inSampleBars() == 50 && f.outOfSampleBars() == 10);
  }

  @Test
  void tooLittleDataForOneFoldSaysHowMuchIsNeeded() {
    WalkForwardSpec spec = WalkForwardSpec.rolling(200, 50);
    assertThat(spec.foldCount(249)).isZero();
    assertThatThrownBy(() -> spec.folds(249))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "walk-forward needs at least inSampleBars + outOfSampleBars = 250 bars for one fold"
                + " but the dataset has 249");
    assertThat(spec.folds(250)).hasSize(1);
  }

  @Test
  void overlappingOutOfSampleWindowsAndBadSizesAreRefused() {
    assertThatThrownBy(() -> WalkForwardSpec.rolling(100, 20).withStepBars(10))
        .hasMessageContaining("stepBars (10) must be >= outOfSampleBars (20)");
    assertThatThrownBy(() -> WalkForwardSpec.rolling(1, 20))
        .hasMessageContaining("inSampleBars must be >= 2");
    assertThatThrownBy(
            () -> WalkForwardSpec.rolling(100, 20).withSearch(WalkForwardSpec.Search.GRID, 0))
        .hasMessageContaining("points must be in 1..500");
  }

  @Test
  void objectivesAreNamedAsInRequests() {
    assertThat(Objective.fromId("total-return")).isEqualTo(Objective.TOTAL_RETURN);
    assertThat(Objective.fromId("Sharpe")).isEqualTo(Objective.SHARPE);
    assertThat(Objective.CALMAR.id()).isEqualTo("calmar");
    assertThatThrownBy(() -> Objective.fromId("alpha")).hasMessageContaining("known: sharpe");
  }
}
