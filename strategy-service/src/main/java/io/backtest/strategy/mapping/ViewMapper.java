package io.backtest.strategy.mapping;

import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.Cycle;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.DatasetBar;
import io.backtest.strategy.domain.Deployment;
import io.backtest.strategy.domain.MarketReplay;
import io.backtest.strategy.domain.Strategy;
import io.backtest.strategy.rest.BarView;
import io.backtest.strategy.rest.CycleView;
import io.backtest.strategy.rest.DatasetView;
import io.backtest.strategy.rest.DeploymentView;
import io.backtest.strategy.rest.LiveSetView;
import io.backtest.strategy.rest.ReplayView;
import io.backtest.strategy.rest.StrategyView;

/** Entities and engine types as the API shows them. */
public final class ViewMapper {
  private ViewMapper() {}

  public static DatasetView dataset(Dataset d) {
    return new DatasetView(
        d.id,
        d.symbol,
        d.timeframe,
        d.barCount,
        d.firstTime,
        d.lastTime,
        d.barsPerYear,
        d.sha256,
        d.source);
  }

  public static BarView bar(DatasetBar b) {
    return new BarView(b.key.seq(), b.time, b.open, b.high, b.low, b.close, b.volume);
  }

  public static ReplayView replay(MarketReplay r) {
    return new ReplayView(
        r.id,
        r.datasetId,
        r.symbol,
        r.timeframe,
        r.barsPerSecond,
        r.from,
        r.totalBars,
        r.publishedBars,
        r.status.name(),
        r.error,
        r.startedAt,
        r.finishedAt,
        r.lastBarTime);
  }

  public static CycleView cycle(Cycle c) {
    return new CycleView(
        c.id,
        c.status.name(),
        c.datasetId,
        EngineMapper.templates(c.templates),
        c.generation,
        c.seed,
        c.correlationId,
        new CycleView.Counts(c.candidates, c.backtested, c.failed, c.promoted, c.demoted),
        EngineMapper.walkForwardSettings(c.walkForward),
        new CycleView.Costs(c.feeBps, c.slippageBps),
        new CycleView.Execution(c.fill, c.direction, c.positionFraction, c.capital),
        EngineMapper.scoring(c.scoring),
        c.createdAt,
        c.completedAt,
        c.summary,
        c.reason);
  }

  /**
   * A strategy with its backtest's metrics and its dataset's symbol and timeframe.
   *
   * @param parameters the canonical JSON of its parameters, decrypted
   * @param run its backtest run, or null
   * @param dataset its dataset, or null
   * @param withRun whether to include the run itself
   */
  public static StrategyView strategy(
      Strategy s, String parameters, BacktestRun run, Dataset dataset, boolean withRun) {
    StrategyView.BacktestRunView runView =
        withRun && run != null
            ? new StrategyView.BacktestRunView(
                run.id,
                run.status.name(),
                run.durationMillis,
                run.openAtEnd,
                run.error,
                run.requestedAt,
                run.finishedAt)
            : null;
    return new StrategyView(
        s.id,
        s.cycleId,
        s.template,
        ParametersJson.read(parameters),
        s.datasetId,
        dataset == null ? null : dataset.symbol,
        dataset == null ? null : dataset.timeframe,
        s.status.name(),
        s.score,
        s.rank,
        run == null ? null : EngineMapper.metrics(run.metrics),
        EngineMapper.statistics(s.statistics),
        s.reason,
        s.promotedAt,
        s.demotedAt,
        runView);
  }

  /**
   * A live strategy with what it is expected to do.
   *
   * @param parameters the canonical JSON of its parameters, decrypted
   * @param dataset its dataset, or null
   */
  public static LiveSetView.LiveStrategyView live(Strategy s, String parameters, Dataset dataset) {
    var statistics = EngineMapper.statistics(s.statistics);
    return new LiveSetView.LiveStrategyView(
        s.id,
        s.cycleId,
        s.template,
        ParametersJson.read(parameters),
        s.datasetId,
        dataset == null ? null : dataset.symbol,
        dataset == null ? null : dataset.timeframe,
        s.score,
        s.rank,
        s.promotedAt,
        s.reason,
        statistics == null || dataset == null
            ? null
            : EventMapper.expected(statistics, dataset.barsPerYear));
  }

  public static DeploymentView deployment(Deployment d) {
    return new DeploymentView(
        d.seq, d.strategyId, d.action.name(), d.cycleId, d.reason, d.at, d.eventId);
  }
}
