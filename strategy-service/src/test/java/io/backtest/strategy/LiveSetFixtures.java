package io.backtest.strategy;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.BacktestMetrics;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.strategy.mapping.EngineMapper;
import io.backtest.strategy.service.PromotionService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cycles, candidates and completed backtests written straight into the database, so that tests of
 * the live set decide on exactly the rankings they need without waiting for backtests.
 */
public final class LiveSetFixtures {
  private static final AtomicInteger PARAMETERS = new AtomicInteger(1000);

  private LiveSetFixtures() {}

  /** What a seeded cycle holds. */
  public record SeededCycle(UUID cycleId, List<UUID> strategyIds) {
    public UUID strategy(int index) {
      return strategyIds.get(index);
    }
  }

  /** Metrics of every seeded backtest: 252 daily bars, 60 trades. */
  public static final BacktestMetrics METRICS =
      new BacktestMetrics(
          0.18, 0.18, 1.4, 2.0, 0.1, 30, 1.8, 0.12, 60, 0.55, 1.6, 0.02, -0.015, 0.004, 0.7, 0.1,
          3.2, 252);

  /**
   * A running cycle on {@code aapl-1d-2013} with {@code n} sma-crossover candidates of parameters
   * never used before (so never the same strategy as a live one), each with a completed backtest.
   */
  public static SeededCycle seedCycle(int n) {
    UUID cycleId = UUID.randomUUID();
    Timestamp now = Timestamp.from(Instant.now());
    Fixtures.execute(
        "insert into cycle (id, status, dataset_id, templates, seed, correlation_id, candidates,"
            + " fill, fee_bps, slippage_bps, position_fraction, created_at) values (?, 'RUNNING',"
            + " 'aapl-1d-2013', '[\"sma-crossover\"]', 1, ?, ?, 'next-open', 10, 5, 1, ?)",
        cycleId,
        "corr-seed-" + cycleId,
        n,
        now);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UUID strategyId = UUID.randomUUID();
      int fast = PARAMETERS.incrementAndGet();
      seedStrategy(cycleId, strategyId, "{\"fast\":" + fast + ",\"slow\":" + (fast + 1) + "}", now);
      ids.add(strategyId);
    }
    Fixtures.execute("update cycle set backtested = ? where id = ?", n, cycleId);
    return new SeededCycle(cycleId, ids);
  }

  /** A candidate of {@code cycleId} with the given canonical parameters and a completed run. */
  public static void seedStrategy(UUID cycleId, UUID strategyId, String parameters, Timestamp at) {
    Fixtures.insertStrategy(strategyId, cycleId, parameters, "CANDIDATE", at);
    Fixtures.execute(
        "insert into backtest_run (id, strategy_id, cycle_id, status, metrics, open_at_end,"
            + " duration_millis, requested_at, finished_at) values (?, ?, ?, 'COMPLETED', ?,"
            + " false, 5, ?, ?)",
        UUID.randomUUID(),
        strategyId,
        cycleId,
        EngineMapper.metricsJson(METRICS),
        at,
        at);
  }

  /**
   * A ranking of a seeded cycle: the strategies in the order given, with the scores and statistics
   * given, the cycle's P(OOS loss) 0.1, and the correlations among them given by {@code among}
   * (null: uncorrelated) and none with the live set.
   */
  public static CycleScored ranking(
      SeededCycle cycle, List<UUID> order, double[] scores, List<Fixtures.Stats> stats) {
    return ranking(cycle, order, scores, stats, null);
  }

  public static CycleScored ranking(
      SeededCycle cycle,
      List<UUID> order,
      double[] scores,
      List<Fixtures.Stats> stats,
      double[][] among) {
    List<RankedStrategy> ranking = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      ranking.add(new RankedStrategy(i + 1, order.get(i), scores[i], stats.get(i).build()));
    }
    int n = order.size();
    Correlations correlations =
        among == null
            ? Fixtures.uncorrelated(order)
            : Correlations.of(order, List.of(), among, new double[n][0]);
    return Fixtures.scored(
        cycle.cycleId(),
        cycle.strategyIds().size(),
        ranking,
        Fixtures.overfitting(n, 0.1),
        correlations);
  }

  /** {@code n} copies of the statistics. */
  public static List<Fixtures.Stats> all(int n, Fixtures.Stats stats) {
    List<Fixtures.Stats> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(stats);
    }
    return list;
  }

  /** What the {@code cycle.scored} consumer does, called from a plain thread. */
  public static void decide(PromotionService promotions, CycleScored scored) {
    EventEnvelope<CycleScored> event =
        new EventEnvelope<>(
            UUID.randomUUID(),
            io.backtest.contracts.EventCatalog.CYCLE_SCORED.type(),
            "/test",
            scored.cycleId().toString(),
            Instant.now(),
            "corr-decide-" + scored.cycleId(),
            null,
            scored);
    try {
      VertxContextSupport.subscribeAndAwait(
          () -> Panache.withTransaction(() -> promotions.decide(event)));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Retires every live strategy, as an operator's demotions would (history rows included, with
   * event ids of events that are not published: nothing reads them), so that a test starts from an
   * empty live set.
   */
  public static void resetLiveSet() {
    Fixtures.execute(
        "insert into deployment (strategy_id, action, cycle_id, reason, at, event_id) select id,"
            + " 'DEMOTED', null, 'test reset', now(), gen_random_uuid() from strategy where"
            + " status = 'LIVE' order by promoted_at, id");
    Fixtures.execute(
        "update strategy set status = 'RETIRED', demoted_at = now() where status = 'LIVE'");
  }

  /** The live strategies' ids. */
  public static Set<UUID> liveIds() {
    return new HashSet<>(Fixtures.queryUuids("select id from strategy where status = 'LIVE'"));
  }

  /** The live set the deployment history gives when replayed from its start. */
  public static Set<UUID> replayedLiveSet() {
    return new HashSet<>(
        Fixtures.queryUuids(
            "select strategy_id from (select distinct on (strategy_id) strategy_id, action from"
                + " deployment order by strategy_id, seq desc) last where action = 'PROMOTED'"));
  }
}
