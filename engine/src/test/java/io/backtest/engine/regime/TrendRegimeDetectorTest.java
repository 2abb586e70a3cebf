package io.backtest.engine.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.TestSeries;
import io.backtest.engine.data.BarSeriesFactory;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.SyntheticBars;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.num.Num;

class TrendRegimeDetectorTest {

  private static void assertMatchesTa4j(
      List<OhlcvBar> bars, BarSeries series, int period, int adxPeriod) {
    ADXIndicator adx = new ADXIndicator(series, period, adxPeriod);
    PlusDIIndicator plusDi = new PlusDIIndicator(series, period);
    MinusDIIndicator minusDi = new MinusDIIndicator(series, period);
    TrendRegimeDetector detector =
        new TrendRegimeDetector(new TrendRegimeDetector.Settings(period, adxPeriod, 25, 20, 5, 3));
    int compared = 0;
    for (int i = 0; i < bars.size(); i++) {
      detector.update(bars.get(i));
      assertSame(detector.adx(), adx.getValue(i), "ADX", i);
      assertSame(detector.plusDi(), plusDi.getValue(i), "+DI", i);
      assertSame(detector.minusDi(), minusDi.getValue(i), "-DI", i);
      if (!Double.isNaN(detector.adx())) {
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(bars.size() / 2);
    // the first regime comes with ta4j's first stable ADX bar
    assertThat(detector.warmUpBars() - 1).isEqualTo(adx.getCountOfUnstableBars());
  }

  private static void assertSame(double ours, Num theirs, String what, int index) {
    if (theirs.isNaN()) {
      assertThat(ours).as("%s at bar %d", what, index).isNaN();
    } else {
      assertThat(ours)
          .as("%s at bar %d", what, index)
          .isCloseTo(theirs.doubleValue(), within(1e-9));
    }
  }

  @ParameterizedTest(name = "periods {0}/{1}")
  @CsvSource({"14, 14", "10, 20", "20, 7"})
  void adxAndDirectionalIndicatorsMatchTa4jOnAppleDailyBars(int period, int adxPeriod) {
    assertMatchesTa4j(TestSeries.appleBars(), TestSeries.apple(), period, adxPeriod);
  }

  @Test
  void adxAndDirectionalIndicatorsMatchTa4jOnEthFiveMinuteBars() {
    List<OhlcvBar> bars = TestSeries.ethBars();
    assertMatchesTa4j(bars, BarSeriesFactory.toSeries("ETH", bars, Duration.ofMinutes(5)), 14, 14);
  }

  @Test
  void noRegimeBeforeTheWarmUp() {
    List<OhlcvBar> bars = TestSeries.appleBars();
    TrendRegimeDetector detector = new TrendRegimeDetector();
    assertThat(detector.warmUpBars()).isEqualTo(30);
    for (int i = 0; i < 29; i++) {
      assertThat(detector.update(bars.get(i))).isEmpty();
      assertThat(detector.current()).isEmpty();
    }
    Optional<RegimeChange<TrendRegime>> first = detector.update(bars.get(29));
    assertThat(first).isPresent();
    assertThat(first.get().isFirst()).isTrue();
    assertThat(first.get().barIndex()).isEqualTo(29);
    assertThat(first.get().statistics()).containsOnlyKeys("adx", "plusDi", "minusDi");
    assertThat(first.get().statistics().get("adx")).isEqualTo(detector.adx());
  }

  /**
   * A steady climb (each bar one higher, range fixed) has only upward movement: −DI = 0, DX = 100,
   * so ADX rises towards 100 and the regime is TRENDING_UP; the mirror-image fall then turns it
   * down. A zigzag of two bars up, two down after that has as much upward as downward movement, so
   * DX stays low and ADX decays below the exit threshold into RANGING. (A flat market would not:
   * with no movement both DMs decay alike and DX keeps its value.)
   */
  @Test
  void aSteadyClimbTrendsUpAFallTrendsDownAndAZigzagRanges() {
    List<OhlcvBar> bars = new ArrayList<>();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    double price = 100;
    for (int i = 0; i < 300; i++) {
      double step = i < 100 ? 1 : i < 200 ? -1 : (i / 2) % 2 == 0 ? 1 : -1;
      double open = price;
      price += step;
      bars.add(
          new OhlcvBar(
              start.plusSeconds(60L * i),
              open,
              Math.max(open, price) + 0.5,
              Math.min(open, price) - 0.5,
              price,
              1));
    }
    TrendRegimeDetector detector = new TrendRegimeDetector();
    List<TrendRegime> seen = new ArrayList<>();
    for (int i = 0; i < bars.size(); i++) {
      detector.update(bars.get(i));
      if (i == 99 || i == 199 || i == 299) {
        seen.add(detector.current().orElseThrow());
      }
    }
    assertThat(seen)
        .containsExactly(TrendRegime.TRENDING_UP, TrendRegime.TRENDING_DOWN, TrendRegime.RANGING);
  }

  /**
   * Sanity check on regimes of drift ±0.002 a bar at volatility 0.01 lasting 250 bars on average
   * (truth: up is TRENDING_UP, down TRENDING_DOWN): most bars get their true label, and when the
   * detector sees a trend it mostly has the direction right. The rest is RANGING within a regime
   * (ADX below 20: 14 bars of drift, 0.028, are less than their noise, 0.037) and the lag after
   * each reversal.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void driftRegimesAreLabelledMostlyCorrectly(long seed) {
    SyntheticBars.Generated g = RegimeExperiment.driftRegimes(50_000, seed);
    RegimeScore score = RegimeExperiment.trendScore(g, TrendRegimeDetector.Settings.DEFAULTS);
    List<TrendRegime> truth =
        RegimeScore.truth(
            g, name -> name.equals("up") ? TrendRegime.TRENDING_UP : TrendRegime.TRENDING_DOWN);
    TrendRegimeDetector detector = new TrendRegimeDetector();
    int trending = 0;
    int rightWay = 0;
    for (int k = 0; k < g.bars().size(); k++) {
      detector.update(g.bars().get(k));
      TrendRegime r = detector.current().orElse(TrendRegime.RANGING);
      if (r != TrendRegime.RANGING) {
        trending++;
        if (r == truth.get(k)) {
          rightWay++;
        }
      }
    }
    double direction = (double) rightWay / trending;
    System.out.printf(
        "trend detector, seed %d: %s; direction right on %.4f of trending bars%n",
        seed, score, direction);

    assertThat(score.agreement()).isGreaterThan(0.6);
    assertThat(direction).isGreaterThan(0.8);
  }
}
