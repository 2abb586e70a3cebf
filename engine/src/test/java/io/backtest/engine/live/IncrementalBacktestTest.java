package io.backtest.engine.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backtest.engine.TemplatePoints;
import io.backtest.engine.TestSeries;
import io.backtest.engine.backtest.BacktestEngine;
import io.backtest.engine.backtest.BacktestResult;
import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.backtest.ExecutionModel.Direction;
import io.backtest.engine.backtest.ExecutionModel.Fill;
import io.backtest.engine.backtest.Trade;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.indicator.IndicatorSet;
import io.backtest.engine.strategy.BuyAndHoldTemplate;
import io.backtest.engine.strategy.CandidateGenerator;
import io.backtest.engine.strategy.ParameterSpace;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.Signals;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.strategy.StrategyTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

/**
 * An {@link IncrementalBacktest} fed a series bar by bar reports exactly — bit for bit — the trades
 * and per-bar equity {@link BacktestEngine#run} computes over the whole series, for every built-in
 * template at several parameter points (the shared test points, with percent and ATR stops, and
 * seeded grid samples), long-only and long-short, next-open and same-close fills, with and without
 * costs, on the real AAPL 2013 daily bars and on seeded synthetic series of 4,000 bars (three seeds
 * each of unrounded GBM, regime-switching GBM and cent-rounded GBM).
 */
class IncrementalBacktestTest {

  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final int BARS = 4_000;
  private static final long[] SEEDS = {1, 2, 3};

  private static final List<BarArrays> DATASETS = datasets();

  private static final List<ExecutionModel> MODELS =
      List.of(
          ExecutionModel.frictionless(),
          ExecutionModel.defaults(),
          ExecutionModel.defaults().withFill(Fill.SAME_CLOSE),
          ExecutionModel.defaults().withDirection(Direction.LONG_SHORT),
          ExecutionModel.defaults()
              .withDirection(Direction.LONG_SHORT)
              .withFill(Fill.SAME_CLOSE)
              .withPositionFraction(0.5),
          ExecutionModel.frictionless().withDirection(Direction.LONG_SHORT).withCapital(1_000));

  private static List<BarArrays> datasets() {
    List<BarArrays> sets = new ArrayList<>();
    sets.add(TestSeries.appleArrays());
    for (long seed : SEEDS) {
      SyntheticBars.Frame frame = new SyntheticBars.Frame(BARS, seed, START, MINUTE, 100);
      sets.add(
          BarArrays.of(
              "gbm-" + seed,
              SyntheticBars.gbm(
                      frame, SyntheticBars.DEFAULT_DRIFT, SyntheticBars.DEFAULT_VOLATILITY)
                  .bars(),
              MINUTE));
      sets.add(
          BarArrays.of(
              "regimes-" + seed,
              SyntheticBars.regimeSwitching(frame, SyntheticBars.DEFAULT_REGIMES).bars(),
              MINUTE));
      sets.add(TestSeries.gbmArrays(BARS, seed));
    }
    return List.copyOf(sets);
  }

  static Stream<StrategyTemplate> templates() {
    return TemplatePoints.templates();
  }

  /** The shared test points (two with percent stops, ATR stops) and two seeded grid samples. */
  private static List<Parameters> points(StrategyTemplate template) {
    List<Parameters> points = new ArrayList<>(TemplatePoints.of(template));
    int samples = Math.min(2, template.space().gridSize());
    points.addAll(CandidateGenerator.sample(template, samples, 20_240_101L));
    return points;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void barByBarEqualsBatchBacktestExactly(StrategyTemplate template) {
    assertThat(StrategyTemplates.builtIn().all()).hasSize(9);
    int trades = 0;
    int stopExits = 0;
    int reversals = 0;
    for (BarArrays bars : DATASETS) {
      IndicatorSet indicators = new IndicatorSet(bars);
      List<OhlcvBar> feed = bars.toBars();
      for (Parameters params : points(template)) {
        Signals signals = template.signals(indicators, params);
        for (ExecutionModel model : MODELS) {
          String what = template.id() + "(" + params + ") on " + bars.name() + " " + model;
          BacktestResult batch = new BacktestEngine().run(bars, signals, model, 0, bars.size());
          IncrementalBacktest live =
              new IncrementalBacktest(template, params, model, bars.barDuration());
          assertThat(live.boundedCostPerBar()).isTrue();
          List<BarStep> steps = new ArrayList<>(feed.size());
          for (OhlcvBar bar : feed) {
            steps.add(live.onBar(bar));
          }
          assertStepsMatch(what, steps, batch);
          assertThat(live.result()).as(what).isEqualTo(batch);
          trades += batch.trades().size();
          stopExits += (int) steps.stream().filter(BarStep::stopTriggered).count();
          reversals +=
              (int)
                  steps.stream().filter(s -> s.order().equals(Optional.of(Order.REVERSE))).count();
        }
      }
    }
    // Not vacuous: trades happened, and (but for buy-and-hold) stops and reversals too.
    assertThat(trades).isPositive();
    if (!template.id().equals(BuyAndHoldTemplate.ID)) {
      assertThat(stopExits).as("stop exits").isPositive();
      assertThat(reversals).as("reversals").isPositive();
    }
  }

  /** The steps' equity, returns, closed trades and positions against the batch result. */
  private static void assertStepsMatch(String what, List<BarStep> steps, BacktestResult batch) {
    double[] batchEquity = batch.equity();
    double[] equity = steps.stream().mapToDouble(BarStep::equity).toArray();
    assertThat(equity).as(what + ": equity").isEqualTo(batchEquity);
    double[] returns = steps.stream().skip(1).mapToDouble(BarStep::barReturn).toArray();
    assertThat(returns).as(what + ": returns").isEqualTo(batch.returns());
    assertThat(steps.getFirst().barReturn()).isNaN();

    List<Trade> closed = steps.stream().flatMap(s -> s.closedTrade().stream()).toList();
    List<Trade> batchClosed = batch.trades().stream().filter(t -> !t.open()).toList();
    assertThat(closed).as(what + ": closed trades").isEqualTo(batchClosed);

    // Each batch trade's position is held, as reported, from its entry bar to its exit (compared
    // without AssertJ per bar, which would dominate the test's time).
    int from = batch.fromIndex();
    int misreported = 0;
    for (Trade trade : batch.trades()) {
      BarStep entry = steps.get(trade.entryIndex() - from);
      Position opened = entry.openedPosition().orElseThrow();
      assertThat(opened.side()).isEqualTo(trade.side());
      assertThat(opened.entryPrice()).isEqualTo(trade.entryPrice());
      assertThat(opened.quantity()).isEqualTo(trade.quantity());
      assertThat(opened.entryTime()).isEqualTo(trade.entryTime());
      int lastHeld = trade.open() ? trade.exitIndex() : trade.exitIndex() - 1;
      for (int k = trade.entryIndex(); k <= lastHeld; k++) {
        misreported += steps.get(k - from).position().equals(Optional.of(opened)) ? 0 : 1;
      }
    }
    assertThat(misreported).as(what + ": bars whose position differs from the trade's").isZero();
    long held = steps.stream().filter(s -> s.position().isPresent()).count();
    long batchHeld = batch.trades().stream().mapToLong(Trade::barsHeld).sum();
    assertThat(held).as(what + ": bars held").isEqualTo(batchHeld);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void resultAfterAnyBarEqualsBatchOverTheBarsSoFar(StrategyTemplate template) {
    // Cut where an order is pending for the next open (the batch drops it), where a position is
    // open (the batch marks it) and at fixed bars.
    BarArrays bars = DATASETS.get(3);
    List<OhlcvBar> feed = bars.toBars();
    List<Parameters> points = TemplatePoints.of(template);
    for (Parameters params : points.subList(0, Math.min(2, points.size()))) {
      for (ExecutionModel model : List.of(MODELS.get(1), MODELS.get(4))) {
        IncrementalBacktest live =
            new IncrementalBacktest(template, params, model, bars.barDuration());
        boolean pendingSeen = false;
        boolean openSeen = false;
        for (int k = 0; k < feed.size(); k++) {
          BarStep step = live.onBar(feed.get(k));
          boolean cut =
              k == 150
                  || k == 2_017
                  || (!pendingSeen && live.pendingOrder().isPresent())
                  || (!openSeen && k > 1_000 && step.position().isPresent());
          pendingSeen |= live.pendingOrder().isPresent();
          openSeen |= k > 1_000 && step.position().isPresent();
          if (cut) {
            BarArrays prefix = BarArrays.of(bars.name(), feed.subList(0, k + 1), MINUTE);
            BacktestResult batch =
                new BacktestEngine()
                    .run(new IndicatorSet(prefix), template, params, model, 0, k + 1);
            assertThat(live.result())
                .as("%s(%s) %s after bar %d", template, params, model, k)
                .isEqualTo(batch);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void warmUpThenTradeEqualsBatchWindow(StrategyTemplate template) {
    for (BarArrays bars : List.of(DATASETS.get(0), DATASETS.get(2), DATASETS.get(6))) {
      IndicatorSet indicators = new IndicatorSet(bars);
      List<OhlcvBar> feed = bars.toBars();
      int from = bars.size() / 3;
      for (Parameters params : TemplatePoints.of(template)) {
        for (ExecutionModel model : List.of(MODELS.get(1), MODELS.get(4))) {
          IncrementalBacktest live =
              new IncrementalBacktest(template, params, model, bars.barDuration(), 252 * 390);
          for (int k = 0; k < from; k++) {
            live.warmUp(feed.get(k));
          }
          assertThat(live.tradedBars()).isZero();
          assertThat(live.equity()).isEqualTo(model.capital());
          for (int k = from; k < feed.size(); k++) {
            live.onBar(feed.get(k));
          }
          BacktestResult batch =
              new BacktestEngine(252 * 390)
                  .run(indicators, template, params, model, from, bars.size());
          assertThat(live.warmUpBars()).isEqualTo(from);
          assertThat(live.result()).as("%s(%s) %s", template, params, model).isEqualTo(batch);
        }
      }
    }
  }

  @Test
  void templateWithoutKernelIsReplayedExactly() {
    BarArrays bars = TestSeries.gbmArrays(400, 8);
    IndicatorSet indicators = new IndicatorSet(bars);
    for (StrategyTemplate builtIn :
        List.of(
            StrategyTemplates.builtIn().get("macd"),
            StrategyTemplates.builtIn().get("bollinger-breakout"))) {
      StrategyTemplate custom = new Delegating(builtIn);
      for (Parameters params : TemplatePoints.of(builtIn)) {
        for (ExecutionModel model : List.of(MODELS.get(1), MODELS.get(4))) {
          IncrementalBacktest live = new IncrementalBacktest(custom, params, model, MINUTE);
          assertThat(live.boundedCostPerBar()).isFalse();
          bars.toBars().forEach(live::onBar);
          assertThat(live.result())
              .isEqualTo(new BacktestEngine().run(indicators, builtIn, params, model, 0, 400));
        }
      }
    }
  }

  @Test
  void buyAndHoldStepsMatchHandWorkedNumbers() {
    // Frictionless, next-open, capital 10,000. Bar 0 signals the entry; bar 1 fills it at its open
    // 8: 10,000 / 8 = 1,250 units, cash 0. Equity 1,250 × close: 12,500 at bar 1 (return 0.25),
    // 18,750 at bar 2 (return 0.5). The open trade is marked at bar 2's close 15: pnl 1,250 × 15
    // − 10,000 = 8,750, net return 0.875. (All exact in binary, so asserted exactly.)
    StrategyTemplate template = new BuyAndHoldTemplate();
    IncrementalBacktest live =
        new IncrementalBacktest(
            template, Parameters.empty(), ExecutionModel.frictionless(), Duration.ofDays(1));
    Instant day0 = Instant.parse("2024-01-02T00:00:00Z");
    BarStep s0 = live.onBar(new OhlcvBar(day0, 9, 10.5, 8.5, 10, 1));
    assertThat(s0.order()).contains(Order.ENTER_LONG);
    assertThat(s0.openedPosition()).isEmpty();
    assertThat(s0.equity()).isEqualTo(10_000);
    assertThat(s0.barReturn()).isNaN();
    assertThat(live.pendingOrder()).contains(Order.ENTER_LONG);

    BarStep s1 = live.onBar(new OhlcvBar(day0.plus(Duration.ofDays(1)), 8, 10, 8, 10, 1));
    Position position = s1.openedPosition().orElseThrow();
    assertThat(position)
        .isEqualTo(new Position(Trade.Side.LONG, 1, day0.plus(Duration.ofDays(1)), 8, 8, 1_250, 0));
    assertThat(s1.equity()).isEqualTo(12_500);
    assertThat(s1.barReturn()).isEqualTo(0.25);
    assertThat(live.cash()).isEqualTo(0);

    BarStep s2 = live.onBar(new OhlcvBar(day0.plus(Duration.ofDays(2)), 11, 15, 11, 15, 1));
    assertThat(s2.equity()).isEqualTo(18_750);
    assertThat(s2.barReturn()).isEqualTo(0.5);
    assertThat(s2.position()).contains(position);
    assertThat(live.closedTrades()).isEmpty();
    assertThat(live.openTrade())
        .contains(
            new Trade(
                Trade.Side.LONG,
                1,
                day0.plus(Duration.ofDays(1)),
                8,
                2,
                day0.plus(Duration.ofDays(3)),
                15,
                1_250,
                0,
                8_750,
                0.875,
                true));
    assertThat(live.result().metrics().totalReturn()).isEqualTo(0.875);
  }

  @Test
  void invalidBarIsRejectedAndLeavesTheBacktestUnchanged() {
    BarArrays bars = DATASETS.get(1);
    List<OhlcvBar> feed = bars.toBars();
    StrategyTemplate template = StrategyTemplates.builtIn().get("sma-crossover");
    Parameters params = TemplatePoints.of(template).getFirst();
    IncrementalBacktest live =
        new IncrementalBacktest(template, params, ExecutionModel.defaults(), MINUTE);
    for (int k = 0; k < feed.size(); k++) {
      live.onBar(feed.get(k));
      if (k == 500) {
        OhlcvBar repeated = feed.get(k);
        OhlcvBar negative = new OhlcvBar(feed.get(k + 1).time(), 1, 1, -1, 1, 1);
        assertThatThrownBy(() -> live.onBar(repeated))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is not after bar 500");
        assertThatThrownBy(() -> live.onBar(negative))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("low -1.0");
        OhlcvBar next = feed.get(k + 1);
        assertThatThrownBy(() -> live.warmUp(next)).isInstanceOf(IllegalStateException.class);
        assertThat(live.barCount()).isEqualTo(501);
      }
    }
    assertThat(live.result())
        .isEqualTo(
            new BacktestEngine()
                .run(
                    new IndicatorSet(bars),
                    template,
                    params,
                    ExecutionModel.defaults(),
                    0,
                    bars.size()));
  }

  @Test
  void invalidParametersAreRejected() {
    StrategyTemplate template = StrategyTemplates.builtIn().get("sma-crossover");
    Parameters params = Parameters.empty().with("fast", 50).with("slow", 10);
    assertThatThrownBy(
            () -> new IncrementalBacktest(template, params, ExecutionModel.defaults(), MINUTE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fast < slow");
  }

  /** A template the runner has no kernel for: a built-in one behind another class. */
  private record Delegating(StrategyTemplate inner) implements StrategyTemplate {

    @Override
    public String id() {
      return "custom-" + inner.id();
    }

    @Override
    public String description() {
      return inner.description();
    }

    @Override
    public ParameterSpace space() {
      return inner.space();
    }

    @Override
    public Strategy build(BarSeries series, Parameters params) {
      return inner.build(series, params);
    }

    @Override
    public Signals signals(IndicatorSet indicators, Parameters params) {
      return inner.signals(indicators, params);
    }
  }
}
