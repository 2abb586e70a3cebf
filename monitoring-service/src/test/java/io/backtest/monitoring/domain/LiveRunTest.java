package io.backtest.monitoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.drift.DriftMonitor;
import io.backtest.engine.strategy.BuyAndHoldTemplate;
import io.backtest.engine.strategy.Parameters;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One watch in memory, on bars worked by hand. */
class LiveRunTest {
  private static final Instant T = Instant.parse("2026-01-05T00:00:00Z");
  private static final ExpectedPerformance PROMISE =
      new ExpectedPerformance(0.2, 0.16, 1.2, 0.1, 0.0007, 0.01, 252, 1, 0, 0.9);

  private static OhlcvBar bar(int day, double open, double close) {
    return new OhlcvBar(
        T.plus(Duration.ofDays(day)), open, Math.max(open, close), Math.min(open, close), close, 1);
  }

  private static LiveRun buyAndHold(boolean detecting) {
    return new LiveRun(
        new BuyAndHoldTemplate(),
        Parameters.empty(),
        ExecutionModel.frictionless().withCapital(1000),
        Duration.ofDays(1),
        252,
        PROMISE,
        DriftMonitor.Settings.DEFAULT,
        detecting);
  }

  @Test
  void buyAndHoldEquityReturnsAndDrawdownFollowThePrice() {
    LiveRun run = buyAndHold(true);
    // signal on the first close, filled at the next open (100): 10 units
    LiveRun.Step first = run.trade(bar(0, 90, 95));
    assertThat(first.equity()).isEqualTo(1000);
    assertThat(first.barReturn()).isEqualTo(0);
    assertThat(first.position()).isEqualTo(PositionSide.FLAT);
    LiveRun.Step second = run.trade(bar(1, 100, 110));
    assertThat(second.equity()).isEqualTo(1100);
    assertThat(second.barReturn()).isEqualTo(1100.0 / 1000 - 1);
    assertThat(second.position()).isEqualTo(PositionSide.LONG);
    LiveRun.Step third = run.trade(bar(2, 110, 88));
    assertThat(third.equity()).isEqualTo(880);
    // from the peak 1100
    assertThat(third.drawdown()).isEqualTo(1 - 880.0 / 1100);
    assertThat(run.maxDrawdown()).isEqualTo(1 - 880.0 / 1100);
    assertThat(run.totalReturn()).isEqualTo(880.0 / 1000 - 1);
    assertThat(run.trades()).isZero();
    assertThat(run.bars()).isEqualTo(3);
    assertThat(run.lastBarTime()).isEqualTo(T.plus(Duration.ofDays(2)));
  }

  @Test
  void aDrawdownBeyondTheLimitIsDetectedOnceThenTheDetectorsStop() {
    LiveRun run = buyAndHold(true);
    run.trade(bar(0, 100, 100));
    // 1.5 × the promised 10 % drawdown is 15 %: a 30 % fall breaches it
    LiveRun.Step fall = run.trade(bar(1, 100, 70));
    assertThat(fall.detection()).isPresent();
    assertThat(LiveRun.contractDetector(fall.detection().get().detector())).isEqualTo("drawdown");
    assertThat(run.detecting()).isFalse();
    assertThat(run.trade(bar(2, 70, 40)).detection()).isEmpty();
  }

  @Test
  void aWatchThatDriftedAlreadyIsNotTested() {
    LiveRun run = buyAndHold(false);
    run.trade(bar(0, 100, 100));
    assertThat(run.trade(bar(1, 100, 50)).detection()).isEmpty();
  }

  @Test
  void everyEngineDetectorHasItsContractName() {
    assertThat(LiveRun.contractDetector("CUSUM")).isEqualTo("cusum");
    assertThat(LiveRun.contractDetector("Page-Hinkley")).isEqualTo("page-hinkley");
    assertThat(LiveRun.contractDetector("drawdown")).isEqualTo("drawdown");
    assertThat(LiveRun.contractDetector("live Sharpe")).isEqualTo("live-psr");
    assertThat(LiveRun.contractDetector("trade frequency")).isEqualTo("trade-frequency");
    assertThatThrownBy(() -> LiveRun.contractDetector("other"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
