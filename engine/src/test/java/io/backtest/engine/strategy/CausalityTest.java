package io.backtest.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.engine.TemplatePoints;
import io.backtest.engine.TestSeries;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.indicator.IndicatorSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Changing the bars after {@code t} changes no indicator value and no signal at or before {@code
 * t}: what a walk-forward relies on to evaluate a fold without seeing its future.
 */
class CausalityTest {

  private static final int BARS = 2_000;
  private static final int T = 1_200;
  private static final BarArrays ORIGINAL = TestSeries.gbmArrays(BARS, 5);
  // Same first T + 1 bars, a different random walk afterwards.
  private static final BarArrays CHANGED = splice(ORIGINAL, TestSeries.gbmArrays(BARS, 99), T);

  static Stream<StrategyTemplate> templates() {
    return TemplatePoints.templates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void signalsUpToTDoNotDependOnLaterBars(StrategyTemplate template) {
    IndicatorSet original = new IndicatorSet(ORIGINAL);
    IndicatorSet changed = new IndicatorSet(CHANGED);
    int differencesAfterT = 0;
    for (Parameters params : TemplatePoints.of(template)) {
      Signals a = template.signals(original, params);
      Signals b = template.signals(changed, params);
      assertThat(Arrays.copyOf(b.entry(), T + 1)).isEqualTo(Arrays.copyOf(a.entry(), T + 1));
      assertThat(Arrays.copyOf(b.exit(), T + 1)).isEqualTo(Arrays.copyOf(a.exit(), T + 1));
      if (a.stops().atr() != null) {
        assertPrefixEqual(a.stops().atr(), b.stops().atr());
      }
      differencesAfterT += Arrays.equals(a.entry(), b.entry()) ? 0 : 1;
    }
    if (!template.id().equals("buy-and-hold")) {
      // The changed future does change later signals, so the check above is not vacuous.
      assertThat(differencesAfterT).isPositive();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indicators")
  void indicatorValuesUpToTDoNotDependOnLaterBars(
      String name, Function<IndicatorSet, double[]> indicator) {
    assertPrefixEqual(
        indicator.apply(new IndicatorSet(ORIGINAL)), indicator.apply(new IndicatorSet(CHANGED)));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> indicators() {
    return Stream.of(
        args("sma", s -> s.sma(30)),
        args("ema", s -> s.ema(30)),
        args("rsi", s -> s.rsi(14)),
        args("stddev", s -> s.stddev(20)),
        args("bollingerUpper", s -> s.bollingerUpper(20, 2.0)),
        args("bollingerLower", s -> s.bollingerLower(20, 2.0)),
        args("highestHigh", s -> s.highestHigh(20)),
        args("lowestLow", s -> s.lowestLow(20)),
        args("roc", s -> s.roc(10)),
        args("macd", s -> s.macd(12, 26)),
        args("macdSignal", s -> s.macdSignal(12, 26, 9)),
        args("trueRange", IndicatorSet::trueRange),
        args("atr", s -> s.atr(14)));
  }

  private static org.junit.jupiter.params.provider.Arguments args(
      String name, Function<IndicatorSet, double[]> f) {
    return org.junit.jupiter.params.provider.Arguments.of(name, f);
  }

  private static void assertPrefixEqual(double[] a, double[] b) {
    assertThat(Arrays.copyOf(b, T + 1)).isEqualTo(Arrays.copyOf(a, T + 1));
    assertThat(b).isNotEqualTo(a);
  }

  private static BarArrays splice(BarArrays head, BarArrays tail, int t) {
    List<OhlcvBar> a = head.toBars();
    List<OhlcvBar> b = tail.toBars();
    List<OhlcvBar> bars = new ArrayList<>(a.subList(0, t + 1));
    for (int i = t + 1; i < a.size(); i++) {
      OhlcvBar x = b.get(i);
      bars.add(new OhlcvBar(a.get(i).time(), x.open(), x.high(), x.low(), x.close(), x.volume()));
    }
    return BarArrays.of("changed", bars, Duration.ofMinutes(1));
  }
}
