package io.backtest.engine.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.TestSeries;
import io.backtest.engine.data.BarArrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.Num;

/** Every array equals ta4j's DoubleNum indicator bit for bit (NaN where ta4j is NaN). */
class IndicatorSetTest {

  private static final List<BarArrays> SERIES =
      List.of(TestSeries.appleArrays(), TestSeries.gbmArrays(3_000, 11));

  @Test
  void movingAveragesAndOscillatorsEqualTa4j() {
    for (BarArrays bars : SERIES) {
      BarSeries series = bars.toSeries();
      IndicatorSet set = new IndicatorSet(bars);
      ClosePriceIndicator close = new ClosePriceIndicator(series);
      for (int n : new int[] {1, 2, 5, 14, 50, 200}) {
        // SMA read in index order, as the templates prime it (see IndicatorSet#sma).
        assertSame("sma(" + n + ")", set.sma(n), inOrder(new SMAIndicator(close, n)));
        assertSame("ema(" + n + ")", set.ema(n), inOrder(new EMAIndicator(close, n)));
        assertSame("rsi(" + n + ")", set.rsi(n), inOrder(new RSIIndicator(close, n)));
        assertSame("roc(" + n + ")", set.roc(n), inOrder(new ROCIndicator(close, n)));
        assertSame("atr(" + n + ")", set.atr(n), inOrder(new ATRIndicator(series, n)));
        assertSame(
            "highestHigh(" + n + ")",
            set.highestHigh(n),
            inOrder(new DonchianChannelUpperIndicator(series, n)));
        assertSame(
            "lowestLow(" + n + ")",
            set.lowestLow(n),
            inOrder(new DonchianChannelLowerIndicator(series, n)));
      }
    }
  }

  @Test
  void bollingerBandsEqualTa4j() {
    for (BarArrays bars : SERIES) {
      BarSeries series = bars.toSeries();
      IndicatorSet set = new IndicatorSet(bars);
      ClosePriceIndicator close = new ClosePriceIndicator(series);
      for (int n : new int[] {2, 20, 60}) {
        for (double k : new double[] {1.0, 2.25, 3.0}) {
          StandardDeviationIndicator deviation =
              inOrderIndicator(new StandardDeviationIndicator(close, n));
          BollingerBandsMiddleIndicator middle =
              new BollingerBandsMiddleIndicator(inOrderIndicator(new SMAIndicator(close, n)));
          Num kNum = series.numFactory().numOf(k);
          assertSame("stddev(" + n + ")", set.stddev(n), values(deviation));
          assertSame(
              "upper(" + n + ", " + k + ")",
              set.bollingerUpper(n, k),
              values(new BollingerBandsUpperIndicator(middle, deviation, kNum)));
          assertSame(
              "lower(" + n + ", " + k + ")",
              set.bollingerLower(n, k),
              values(new BollingerBandsLowerIndicator(middle, deviation, kNum)));
        }
      }
    }
  }

  @Test
  void macdAndSignalLineEqualTa4j() {
    for (BarArrays bars : SERIES) {
      BarSeries series = bars.toSeries();
      IndicatorSet set = new IndicatorSet(bars);
      ClosePriceIndicator close = new ClosePriceIndicator(series);
      for (int[] p : new int[][] {{12, 26, 9}, {6, 20, 13}, {20, 24, 30}}) {
        MACDIndicator macd = new MACDIndicator(close, p[0], p[1]);
        assertSame("macd" + p[0] + "/" + p[1], set.macd(p[0], p[1]), inOrder(macd));
        assertSame(
            "signal" + p[2],
            set.macdSignal(p[0], p[1], p[2]),
            inOrder(new EMAIndicator(macd, p[2])));
      }
    }
  }

  @Test
  void seriesAreComputedOnceAndShared() {
    IndicatorSet set = new IndicatorSet(TestSeries.appleArrays());

    double[] first = set.sma(20);
    set.bollingerUpper(20, 2.0);

    assertThat(set.sma(20)).isSameAs(first);
    // sma(20), stddev(20), upper(20, 2.0)
    assertThat(set.cachedSeries()).isEqualTo(3);
  }

  @Test
  void nonPositivePeriodIsRejectedNamingTheIndicator() {
    IndicatorSet set = new IndicatorSet(TestSeries.appleArrays());

    assertThatThrownBy(() -> set.sma(0)).hasMessage("sma period must be >= 1 but was 0");
    assertThatThrownBy(() -> set.atr(-1)).hasMessage("atr period must be >= 1 but was -1");
  }

  private static double[] inOrder(Indicator<Num> indicator) {
    return values(indicator);
  }

  private static <T extends Indicator<Num>> T inOrderIndicator(T indicator) {
    values(indicator);
    return indicator;
  }

  private static double[] values(Indicator<Num> indicator) {
    BarSeries series = indicator.getBarSeries();
    double[] out = new double[series.getBarCount()];
    IntFunction<Num> value = indicator::getValue;
    for (int i = 0; i < out.length; i++) {
      out[i] = value.apply(i).doubleValue();
    }
    return out;
  }

  static void assertSame(String what, double[] actual, double[] expected) {
    assertThat(actual).as(what).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      if (Double.compare(actual[i], expected[i]) != 0) {
        throw new AssertionError(
            what + " differs at " + i + ": " + actual[i] + " vs ta4j " + expected[i]);
      }
    }
  }
}
