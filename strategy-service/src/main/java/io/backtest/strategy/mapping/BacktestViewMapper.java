package io.backtest.strategy.mapping;

import io.backtest.engine.backtest.ExecutionModel;
import io.backtest.engine.backtest.Trade;
import io.backtest.engine.data.BarArrays;
import io.backtest.engine.evaluation.Evaluation;
import io.backtest.engine.metrics.PerformanceMetrics;
import io.backtest.engine.strategy.ParameterConstraint;
import io.backtest.engine.strategy.ParameterRange;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import io.backtest.engine.walkforward.FoldResult;
import io.backtest.engine.walkforward.FoldWindow;
import io.backtest.engine.walkforward.WalkForwardResult;
import io.backtest.engine.walkforward.WalkForwardSpec;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.rest.BacktestView;
import io.backtest.strategy.rest.TemplateView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Engine results and templates as the synchronous backtest and template APIs show them. */
public final class BacktestViewMapper {
  private BacktestViewMapper() {}

  /**
   * A template with its ranges as exact numbers: an INT range's bounds print as {@code 2}, a
   * DECIMAL one's as {@code 0.25}, never as the nearest double.
   */
  public static TemplateView template(StrategyTemplate t) {
    return new TemplateView(
        t.id(),
        t.description(),
        t.space().ranges().stream().map(BacktestViewMapper::parameter).toList(),
        t.space().constraints().stream().map(ParameterConstraint::description).toList(),
        t.space().gridSize());
  }

  private static TemplateView.Parameter parameter(ParameterRange r) {
    BigDecimal largest = r.min().add(r.step().multiply(BigDecimal.valueOf(r.count() - 1L)));
    return new TemplateView.Parameter(
        r.name(),
        r.type().name().toLowerCase(Locale.ROOT),
        plain(r.min()),
        plain(largest),
        plain(r.step()),
        r.optional());
  }

  /** {@code 20} rather than {@code 20.00}, {@code 100} rather than {@code 1E+2}. */
  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * The answer to a synchronous backtest.
   *
   * @param bars the dataset's bars, for the times of equity points and fold windows
   * @param spec the walk-forward settings, or null
   */
  public static BacktestView backtest(
      Dataset dataset,
      BarArrays bars,
      StrategyTemplate template,
      Parameters params,
      ExecutionModel model,
      WalkForwardSpec spec,
      long seed,
      Evaluation evaluation) {
    double[] equity = evaluation.equity();
    int[] barIndex = recordBars(evaluation, equity.length);
    List<BacktestView.EquityPoint> points = new ArrayList<>(equity.length);
    for (int i = 0; i < equity.length; i++) {
      points.add(new BacktestView.EquityPoint(bars.closeTime(barIndex[i]), equity[i]));
    }
    WalkForwardResult wf = evaluation.walkForward();
    return new BacktestView(
        evaluation.trades().stream().map(BacktestViewMapper::trade).toList(),
        points,
        metrics(evaluation.metrics()),
        dataset.barsPerYear,
        new BacktestView.DatasetRef(dataset.id, dataset.sha256),
        template.id(),
        params.asMap(),
        new BacktestView.ExecutionView(
            fillName(model.fill()),
            directionName(model.direction()),
            model.capital(),
            model.positionFraction()),
        new BacktestView.CostsView(model.feeBps(), model.slippageBps()),
        seed,
        evaluation.engineVersion(),
        wf == null ? null : wf.folds().stream().map(f -> fold(f, bars)).toList(),
        wf == null
            ? null
            : new BacktestView.WalkForwardView(
                spec.windows().name().toLowerCase(Locale.ROOT),
                spec.inSampleBars(),
                spec.outOfSampleBars(),
                spec.stepBars(),
                spec.search().name().toLowerCase(Locale.ROOT),
                spec.points(),
                spec.objective().id(),
                wf.trials(),
                wf.evaluations(),
                wf.efficiency()));
  }

  /**
   * The dataset index of each point of the evaluated record: every bar for one backtest; the
   * out-of-sample windows one after the other with walk-forward.
   */
  private static int[] recordBars(Evaluation evaluation, int length) {
    int[] index = new int[length];
    if (evaluation.single() != null) {
      int from = evaluation.single().fromIndex();
      for (int i = 0; i < length; i++) {
        index[i] = from + i;
      }
      return index;
    }
    int at = 0;
    for (FoldResult fold : evaluation.walkForward().folds()) {
      FoldWindow w = fold.window();
      for (int k = w.outOfSampleFrom(); k < w.outOfSampleTo() && at < length; k++) {
        index[at++] = k;
      }
    }
    if (at != length) {
      throw new IllegalStateException(
          "the stitched record has " + length + " points but its folds cover " + at + " bars");
    }
    return index;
  }

  static BacktestView.TradeView trade(Trade t) {
    return new BacktestView.TradeView(
        t.side().name().toLowerCase(Locale.ROOT),
        t.entryTime(),
        t.entryPrice(),
        t.exitTime(),
        t.exitPrice(),
        t.quantity(),
        t.pnl(),
        t.open());
  }

  /** The engine's metrics under the API's names. */
  public static BacktestView.MetricsView metrics(PerformanceMetrics m) {
    return new BacktestView.MetricsView(
        m.totalReturn(),
        m.cagr(),
        m.annualisedVolatility(),
        m.sharpe(),
        m.sortino(),
        m.maxDrawdown(),
        m.maxDrawdownBars(),
        m.calmar(),
        m.profitFactor(),
        m.winRate(),
        m.averageWin(),
        m.averageLoss(),
        m.expectancy(),
        m.tradeCount(),
        m.exposure(),
        m.skewness(),
        m.kurtosis());
  }

  private static BacktestView.FoldView fold(FoldResult f, BarArrays bars) {
    FoldWindow w = f.window();
    return new BacktestView.FoldView(
        w.index(),
        window(bars, w.inSampleFrom(), w.inSampleTo()),
        window(bars, w.outOfSampleFrom(), w.outOfSampleTo()),
        f.chosen().asMap(),
        metrics(f.inSample()),
        metrics(f.outOfSample()));
  }

  private static BacktestView.BarWindow window(BarArrays bars, int from, int to) {
    return new BacktestView.BarWindow(from, to, bars.openTime(from), bars.openTime(to - 1));
  }

  /** {@code next-open} or {@code same-close}, as requests name them. */
  public static String fillName(ExecutionModel.Fill fill) {
    return switch (fill) {
      case NEXT_OPEN -> "next-open";
      case SAME_CLOSE -> "same-close";
    };
  }

  /** {@code long-only} or {@code long-short}, as requests name them. */
  public static String directionName(ExecutionModel.Direction direction) {
    return switch (direction) {
      case LONG_ONLY -> "long-only";
      case LONG_SHORT -> "long-short";
    };
  }
}
