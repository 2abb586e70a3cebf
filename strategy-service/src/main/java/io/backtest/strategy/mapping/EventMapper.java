package io.backtest.strategy.mapping;

import io.backtest.contracts.events.CandidateStatistics;
import io.backtest.contracts.events.DatasetRef;
import io.backtest.contracts.events.ExecutionSettings;
import io.backtest.contracts.events.ExpectedPerformance;
import io.backtest.contracts.events.Provenance;
import io.backtest.contracts.events.StrategyDefinition;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.strategy.domain.BacktestRun;
import io.backtest.strategy.domain.Dataset;
import io.backtest.strategy.domain.Strategy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;

/** Entities as the event contract describes them. */
public final class EventMapper {
  private EventMapper() {}

  public static DatasetRef datasetRef(Dataset d) {
    return new DatasetRef(d.id, d.symbol, d.timeframe, d.barsPerYear);
  }

  /**
   * A strategy's definition.
   *
   * @param parameters the canonical JSON of its parameters, decrypted ({@code
   *     ParameterCipher.parameters})
   */
  public static StrategyDefinition definition(String template, String parameters) {
    return new StrategyDefinition(template, new LinkedHashMap<>(ParametersJson.read(parameters)));
  }

  /**
   * What makes the strategy the same trading system as another (the duplicate rule of the promotion
   * gate, and of the unique index on live strategies): template, dataset and the fingerprint of the
   * canonical parameters, equal for equal parameter sets.
   */
  public static String key(Strategy s) {
    return s.template + "|" + s.datasetId + "|" + s.parametersFingerprint;
  }

  /**
   * What a strategy's out-of-sample statistics lead to expect live. Bars per point: the dataset's
   * bars per year over the points per year, rounded, at least 1; trades per year: trades over the
   * years the points cover (0 when they cover none).
   *
   * @param barsPerYear the dataset's bars per year
   */
  public static ExpectedPerformance expected(CandidateStatistics s, double barsPerYear) {
    int barsPerPoint =
        s.pointsPerYear() > 0 ? (int) Math.max(1, Math.round(barsPerYear / s.pointsPerYear())) : 1;
    double tradesPerYear = s.backtestYears() > 0 ? s.tradeCount() / s.backtestYears() : 0;
    return new ExpectedPerformance(
        s.annualReturn(),
        s.volatility(),
        s.sharpe(),
        s.maxDrawdown(),
        s.meanReturn(),
        s.returnStdev(),
        s.pointsPerYear(),
        barsPerPoint,
        tradesPerYear,
        s.deflatedSharpe());
  }

  /**
   * The {@code strategy.promoted} payload of a strategy going live.
   *
   * @param s the strategy, with its score and rank set
   * @param definition its template and parameters, decrypted
   * @param cycleId the cycle that selected it (its own cycle for an operator's promotion)
   * @param dataset its dataset
   * @param execution its cycle's execution settings
   * @param run its completed backtest (metrics and provenance)
   * @param statistics its statistics from the cycle's ranking
   */
  public static StrategyPromoted promoted(
      Strategy s,
      StrategyDefinition definition,
      UUID cycleId,
      Dataset dataset,
      ExecutionSettings execution,
      BacktestRun run,
      CandidateStatistics statistics,
      int liveCount,
      int cap,
      String reason,
      Instant at) {
    return new StrategyPromoted(
        s.id,
        cycleId,
        datasetRef(dataset),
        definition,
        execution,
        new Provenance(
            run.datasetSha256 != null ? run.datasetSha256 : dataset.sha256.trim(),
            // runs stored before provenance was kept (migration V3) have no seed: 0 says so
            run.seed != null ? run.seed : 0,
            run.engineVersion != null ? run.engineVersion : "unrecorded"),
        EngineMapper.metrics(run.metrics),
        expected(statistics, dataset.barsPerYear),
        s.score,
        s.rank,
        liveCount,
        cap,
        reason,
        at);
  }
}
