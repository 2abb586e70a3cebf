package io.backtest.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.engine.drift.DriftExperiment.Delays;
import io.backtest.engine.drift.DriftExperiment.FalseAlarms;
import io.backtest.engine.drift.DriftExperiment.Strategy;
import io.backtest.engine.drift.DriftExperiment.Tails;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The measured acceptance of the default detector, {@link CusumDetector} with its defaults, on
 * daily points (annual volatility 15 %), every figure over fixed seeds; {@link
 * DriftExperiment#main} prints the same and more.
 *
 * <p>The delay bounds are what the detector guarantees at the 95th percentile: an annual Sharpe
 * ratio of 2 whose edge vanishes (mean 0, same volatility) is detected within 1,500 bars, one of
 * 1.5 within 2,500 — some six and ten years of daily bars. Little can be gained at this false-alarm
 * rate: a vanished edge moves z by only SR = 2/√252 = 0.126 standard deviations a point, and among
 * detectors with the same in-control run length none has a shorter worst-case mean delay than the
 * CUSUM tuned to that shift (Moustakides, "Optimal stopping times for detecting changes in
 * distributions", Annals of Statistics 14(4), 1986), whose zero-start delay Siegmund's
 * approximation puts at 689 points here.
 */
class DriftAcceptanceTest {

  private static final int DELAY_SEEDS = 200;
  private static final int ALARM_SEEDS = 100;
  private static final int ALARM_BARS = 10_000;

  @Test
  void aVanishedSharpeTwoEdgeIsDetectedWithin1500BarsInNineteenOfTwentyRuns() {
    Delays delays =
        DriftExperiment.delay(
            new Strategy(2.0, Tails.NORMAL, 0), DriftExperiment::cusum, 0, 500, DELAY_SEEDS, null);
    System.out.println("CUSUM, Sharpe 2, mean → 0 after 500 bars: " + delays);
    assertThat(delays.p95()).isLessThanOrEqualTo(1_500);
    assertThat(delays.missed()).isZero();
  }

  @Test
  void aVanishedSharpeOneAndAHalfEdgeIsDetectedWithin2500BarsInNineteenOfTwentyRuns() {
    Delays delays =
        DriftExperiment.delay(
            new Strategy(1.5, Tails.NORMAL, 0), DriftExperiment::cusum, 0, 500, DELAY_SEEDS, null);
    System.out.println("CUSUM, Sharpe 1.5, mean → 0 after 500 bars: " + delays);
    assertThat(delays.p95()).isLessThanOrEqualTo(2_500);
    assertThat(delays.missed()).isZero();
  }

  @Test
  void aReversedEdgeIsDetectedSooner() {
    Strategy strategy = new Strategy(2.0, Tails.NORMAL, 0);
    Delays vanished =
        DriftExperiment.delay(strategy, DriftExperiment::cusum, 0, 500, DELAY_SEEDS, null);
    Delays negative =
        DriftExperiment.delay(strategy, DriftExperiment::cusum, -0.5, 500, DELAY_SEEDS, null);
    System.out.println("CUSUM, Sharpe 2, mean → −0.5 × promised after 500 bars: " + negative);
    assertThat(negative.p95()).isLessThan(vanished.p95());
    assertThat(negative.p95()).isLessThanOrEqualTo(800);
  }

  @Test
  void stationaryNormalReturnsRaiseAtMostOneAlarmPer10000Bars() {
    for (double sharpe : new double[] {2.0, 1.5}) {
      FalseAlarms alarms =
          DriftExperiment.falseAlarms(
              new Strategy(sharpe, Tails.NORMAL, 0),
              DriftExperiment::cusum,
              ALARM_SEEDS,
              ALARM_BARS,
              null);
      System.out.println("CUSUM, Sharpe " + sharpe + ", normal: " + alarms);
      assertThat(alarms.alarms()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void fatTailedStationaryReturnsRaiseAtMostOneAlarmPer10000Bars() {
    for (Tails tails : new Tails[] {Tails.STUDENT_T4, Tails.STUDENT_T5}) {
      FalseAlarms alarms =
          DriftExperiment.falseAlarms(
              new Strategy(2.0, tails, 0), DriftExperiment::cusum, ALARM_SEEDS, ALARM_BARS, null);
      System.out.println("CUSUM, Sharpe 2, " + tails + ": " + alarms);
      assertThat(alarms.alarms()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void pageHinkleyMeasuresTheSameAsTheCusum() {
    Strategy strategy = new Strategy(2.0, Tails.NORMAL, 0);
    assertThat(DriftExperiment.delay(strategy, DriftExperiment::pageHinkley, 0, 500, 100, null))
        .isEqualTo(DriftExperiment.delay(strategy, DriftExperiment::cusum, 0, 500, 100, null));
  }

  /**
   * The other default checks on stationary data: the live Sharpe check and the trade-frequency
   * check stay within the budget too. The drawdown breach (1.5 × the maximum drawdown of a
   * five-year backtest of the same process, or 20 %) is a risk limit, not a calibrated test; its
   * count is printed, not bounded.
   */
  @Test
  void theOtherChecksOfTheMonitorOnStationaryData() {
    Strategy strategy = new Strategy(2.0, Tails.NORMAL, 1_260);
    FalseAlarms sharpe =
        DriftExperiment.falseAlarms(
            strategy,
            e -> DriftExperiment.sharpeCheck(e, LiveSharpeCheck.DEFAULT_THRESHOLD),
            ALARM_SEEDS,
            ALARM_BARS,
            null);
    FalseAlarms trades =
        DriftExperiment.falseAlarms(
            strategy,
            e -> DriftExperiment.tradeCheck(e, TradeFrequencyDrift.DEFAULT_ALPHA),
            ALARM_SEEDS,
            ALARM_BARS,
            null);
    Map<String, Integer> byDetector = new TreeMap<>();
    FalseAlarms monitor =
        DriftExperiment.falseAlarms(
            strategy, DriftExperiment::monitor, ALARM_SEEDS, ALARM_BARS, byDetector);
    System.out.println("live Sharpe check, default threshold: " + sharpe);
    System.out.println("trade-frequency check, default alpha: " + trades);
    System.out.println("whole monitor: " + monitor + " " + byDetector);
    assertThat(sharpe.alarms()).isLessThanOrEqualTo(100);
    assertThat(trades.alarms()).isLessThanOrEqualTo(100);
  }
}
