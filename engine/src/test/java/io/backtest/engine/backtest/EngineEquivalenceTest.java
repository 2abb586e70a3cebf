package io.backtest.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backtest.engine.TemplatePoints;
import io.backtest.engine.TestSeries;
import io.backtest.engine.backtest.ExecutionModel.Fill;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.Signals;
import io.backtest.engine.strategy.StrategyTemplate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

/**
 * The array engine against the ta4j reference: for every template, several parameter points (with
 * and without stops), the three real series (AAPL daily 2013, ETH 5-minute March 2023, BTC 1-minute
 * bars aggregated from Bitstamp's November 2013 trades) and 20,000 synthetic GBM 1-minute bars,
 * with and without costs, next-open and same-close fills, whole series and a window: the same
 * trades, equity and metrics. They are in fact bitwise equal; the metrics are also checked within
 * 1e-9 field by field so that a failure says which one moved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineEquivalenceTest {

  private static final List<BarArrays> DATASETS =
      List.of(
          TestSeries.appleArrays(),
          TestSeries.ethArrays(),
          TestSeries.btcArrays(),
          TestSeries.gbmArrays(20_000, 7));

  private static final List<ExecutionModel> MODELS =
      List.of(
          ExecutionModel.frictionless(),
          ExecutionModel.defaults(),
          ExecutionModel.defaults().withFill(Fill.SAME_CLOSE),
          ExecutionModel.frictionless().withFill(Fill.SAME_CLOSE).withPositionFraction(0.5));

  private final List<IndicatorSet> indicators = DATASETS.stream().map(IndicatorSet::new).toList();
  private final List<BarSeries> series = DATASETS.stream().map(BarArrays::toSeries).toList();

  Stream<StrategyTemplate> templates() {
    return TemplatePoints.templates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void arrayEngineMatchesTa4jReference(StrategyTemplate template) {
    int tradesSeen = 0;
    for (int d = 0; d < DATASETS.size(); d++) {
      BarArrays bars = DATASETS.get(d);
      int n = bars.size();
      for (Parameters params : TemplatePoints.of(template)) {
        Signals signals = template.signals(indicators.get(d), params);
        Strategy strategy = template.build(series.get(d), params);
        for (ExecutionModel model : MODELS) {
          String what = template.id() + "(" + params + ") on " + bars.name() + " " + model;
          tradesSeen +=
              compare(what, bars, series.get(d), strategy, signals, model, 0, n).trades().size();
          compare(
              what + " window", bars, series.get(d), strategy, signals, model, n / 3, 2 * n / 3);
        }
      }
    }
    assertThat(tradesSeen).as("the comparison saw trades").isGreaterThan(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void stopsChangeTheTradesSomewhere(StrategyTemplate template) {
    if (template.id().equals("buy-and-hold")) {
      return;
    }
    BacktestEngine engine = new BacktestEngine();
    List<Parameters> points = TemplatePoints.of(template);
    IndicatorSet gbm = indicators.get(2);
    int n = gbm.size();
    List<Trade> withoutStops =
        engine.run(gbm, template, points.get(0), ExecutionModel.defaults(), 0, n).trades();
    List<Trade> withStops =
        engine.run(gbm, template, points.get(1), ExecutionModel.defaults(), 0, n).trades();

    // Otherwise the equivalence above would not exercise the stops.
    assertThat(withStops).isNotEqualTo(withoutStops);
  }

  private static BacktestResult compare(
      String what,
      BarArrays bars,
      BarSeries series,
      Strategy strategy,
      Signals signals,
      ExecutionModel model,
      int from,
      int to) {
    double barsPerYear = 252 * 390;
    BacktestResult reference =
        new Ta4jBacktester(barsPerYear).run(series, strategy, model, from, to);
    BacktestEngine engine = new BacktestEngine(barsPerYear);
    BacktestResult fast = engine.run(bars, signals, model, from, to);
    PerformanceMetrics metricsOnly = engine.metrics(bars, signals, model, from, to);

    assertThat(fast.trades()).as(what + ": trades").isEqualTo(reference.trades());
    assertThat(fast.equity()).as(what + ": equity").isEqualTo(reference.equity());
    assertThat(fast.openAtEnd()).as(what).isEqualTo(reference.openAtEnd());
    assertClose(what, fast.metrics(), reference.metrics());
    assertThat(fast).as(what).isEqualTo(reference);
    assertThat(metricsOnly).as(what + ": metrics-only path").isEqualTo(fast.metrics());
    return fast;
  }

  static void assertClose(String what, PerformanceMetrics a, PerformanceMetrics b) {
    var eps = within(1e-9);
    assertThat(a.totalReturn()).as(what + " totalReturn").isCloseTo(b.totalReturn(), eps);
    assertThat(a.cagr()).as(what + " cagr").isCloseTo(b.cagr(), eps);
    assertThat(a.sharpe()).as(what + " sharpe").isCloseTo(b.sharpe(), eps);
    assertThat(a.sortino()).as(what + " sortino").isCloseTo(b.sortino(), eps);
    assertThat(a.maxDrawdown()).as(what + " maxDrawdown").isCloseTo(b.maxDrawdown(), eps);
    assertThat(a.maxDrawdownBars()).as(what + " maxDrawdownBars").isEqualTo(b.maxDrawdownBars());
    assertThat(a.tradeCount()).as(what + " tradeCount").isEqualTo(b.tradeCount());
    assertThat(a.winRate()).as(what + " winRate").isCloseTo(b.winRate(), eps);
    assertThat(a.exposure()).as(what + " exposure").isCloseTo(b.exposure(), eps);
  }
}
