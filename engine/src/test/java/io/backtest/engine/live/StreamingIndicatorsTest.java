package io.backtest.engine.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.engine.TestSeries;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.indicator.Crosses;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.live.StreamingIndicators.Atr;
import io.backtest.engine.live.StreamingIndicators.Cross;
import io.backtest.engine.live.StreamingIndicators.Ema;
import io.backtest.engine.live.StreamingIndicators.Extreme;
import io.backtest.engine.live.StreamingIndicators.Roc;
import io.backtest.engine.live.StreamingIndicators.Rsi;
import io.backtest.engine.live.StreamingIndicators.Sma;
import io.backtest.engine.live.StreamingIndicators.StandardDeviation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each streaming indicator, fed a series one value at a time, reproduces the batch series of {@link
 * IndicatorSet} (and the cross rules of {@link Crosses}) bit for bit at every index, over several
 * periods, on real AAPL bars, cent-rounded GBM (whose ties exercise the cross rules' equal-value
 * handling) and unrounded synthetic GBM and regime-switching bars.
 */
class StreamingIndicatorsTest {

  static Stream<BarArrays> series() {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    Duration minute = Duration.ofMinutes(1);
    return Stream.of(
        TestSeries.appleArrays(),
        TestSeries.gbmArrays(3_000, 11),
        BarArrays.of(
            "gbm-3",
            SyntheticBars.gbm(new SyntheticBars.Frame(3_000, 3, start, minute, 100), 0, 0.001)
                .bars(),
            minute),
        BarArrays.of(
            "regimes-4",
            SyntheticBars.regimeSwitching(
                    new SyntheticBars.Frame(3_000, 4, start, minute, 100),
                    SyntheticBars.DEFAULT_REGIMES)
                .bars(),
            minute));
  }

  private static final List<Integer> PERIODS = List.of(1, 2, 5, 14, 26, 60, 200);

  @ParameterizedTest(name = "{0}")
  @MethodSource("series")
  void movingAveragesAndDeviationEqualBatchAtEveryBar(BarArrays bars) {
    IndicatorSet batch = new IndicatorSet(bars);
    double[] close = bars.close();
    for (int n : PERIODS) {
      Sma sma = new Sma(n);
      StandardDeviation deviation = new StandardDeviation(sma);
      Ema ema = Ema.exponential(n);
      Rsi rsi = new Rsi(n);
      Roc roc = new Roc(n);
      double[][] out = new double[5][close.length];
      for (int i = 0; i < close.length; i++) {
        sma.add(close[i]);
        deviation.update();
        ema.add(close[i]);
        rsi.add(close[i]);
        roc.add(close[i]);
        out[0][i] = sma.value();
        out[1][i] = deviation.value();
        out[2][i] = ema.value();
        out[3][i] = rsi.value();
        out[4][i] = roc.value();
      }
      assertThat(out[0]).as("sma(%d)", n).isEqualTo(batch.sma(n));
      assertThat(out[1]).as("stddev(%d)", n).isEqualTo(batch.stddev(n));
      assertThat(out[2]).as("ema(%d)", n).isEqualTo(batch.ema(n));
      assertThat(out[3]).as("rsi(%d)", n).isEqualTo(batch.rsi(n));
      assertThat(out[4]).as("roc(%d)", n).isEqualTo(batch.roc(n));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("series")
  void channelsAndAtrEqualBatchAtEveryBar(BarArrays bars) {
    IndicatorSet batch = new IndicatorSet(bars);
    for (int n : PERIODS) {
      Extreme highest = new Extreme(n, true);
      Extreme lowest = new Extreme(n, false);
      Atr atr = new Atr(n);
      double[][] out = new double[3][bars.size()];
      for (int i = 0; i < bars.size(); i++) {
        highest.add(bars.high()[i]);
        lowest.add(bars.low()[i]);
        atr.add(bars.high()[i], bars.low()[i], bars.close()[i]);
        out[0][i] = highest.value();
        out[1][i] = lowest.value();
        out[2][i] = atr.value();
      }
      assertThat(out[0]).as("highestHigh(%d)", n).isEqualTo(batch.highestHigh(n));
      assertThat(out[1]).as("lowestLow(%d)", n).isEqualTo(batch.lowestLow(n));
      assertThat(out[2]).as("atr(%d)", n).isEqualTo(batch.atr(n));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("series")
  void macdAndSignalLineEqualBatchAtEveryBar(BarArrays bars) {
    IndicatorSet batch = new IndicatorSet(bars);
    int[][] settings = {{12, 26, 9}, {6, 20, 5}, {20, 40, 13}, {26, 12, 9}};
    for (int[] s : settings) {
      Ema fast = Ema.exponential(s[0]);
      Ema slow = Ema.exponential(s[1]);
      Ema signal = Ema.exponential(s[2]);
      double[] line = new double[bars.size()];
      double[] signalLine = new double[bars.size()];
      for (int i = 0; i < bars.size(); i++) {
        fast.add(bars.close()[i]);
        slow.add(bars.close()[i]);
        line[i] = fast.value() - slow.value();
        signal.add(line[i]);
        signalLine[i] = signal.value();
      }
      assertThat(line).isEqualTo(batch.macd(s[0], s[1]));
      assertThat(signalLine).isEqualTo(batch.macdSignal(s[0], s[1], s[2]));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("series")
  void crossesEqualBatchRulesAtEveryBar(BarArrays bars) {
    IndicatorSet batch = new IndicatorSet(bars);
    int crossings = 0;
    for (int[] pair : new int[][] {{2, 10}, {10, 50}, {30, 10}}) {
      double[] first = batch.sma(pair[0]);
      double[] second = batch.sma(pair[1]);
      int boundary = Math.max(pair[0], pair[1]) - 1;
      crossings += assertCrossEqualsBatch(first, second, boundary);
    }
    // A constant second series: ta4j's CrossedUpIndicatorRule(rsi, threshold).
    double[] rsi = batch.rsi(6);
    for (double threshold : new double[] {30, 50, 70}) {
      Cross cross = new Cross(6);
      boolean[] up = new boolean[bars.size()];
      for (int i = 0; i < bars.size(); i++) {
        cross.add(rsi[i], threshold);
        up[i] = cross.up();
      }
      assertThat(up).isEqualTo(Crosses.crossedUp(rsi, threshold, 6));
    }
    // The close against its cent-rounded SMA ties now and then: the skipped-equal-values path.
    DoubleUnaryOperator cents = x -> Math.round(x * 100) / 100.0;
    double[] sma = batch.sma(5).clone();
    for (int i = 0; i < sma.length; i++) {
      sma[i] = cents.applyAsDouble(sma[i]);
    }
    crossings += assertCrossEqualsBatch(bars.close(), sma, 4);
    assertThat(crossings).as("the comparison saw crossings").isPositive();
  }

  private static int assertCrossEqualsBatch(double[] first, double[] second, int boundary) {
    Cross cross = new Cross(boundary);
    boolean[] up = new boolean[first.length];
    boolean[] down = new boolean[first.length];
    int count = 0;
    for (int i = 0; i < first.length; i++) {
      cross.add(first[i], second[i]);
      up[i] = cross.up();
      down[i] = cross.down();
      count += up[i] ? 1 : 0;
    }
    assertThat(up).isEqualTo(Crosses.crossedUp(first, second, boundary));
    assertThat(down).isEqualTo(Crosses.crossedDown(first, second, boundary));
    return count;
  }
}
