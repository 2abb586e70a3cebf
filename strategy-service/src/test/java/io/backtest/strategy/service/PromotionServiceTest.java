package io.backtest.strategy.service;

import static io.backtest.strategy.Fixtures.WAIT;
import static io.backtest.strategy.Fixtures.kafka;
import static io.backtest.strategy.LiveSetFixtures.all;
import static io.backtest.strategy.LiveSetFixtures.decide;
import static io.backtest.strategy.LiveSetFixtures.ranking;
import static io.backtest.strategy.LiveSetFixtures.seedCycle;
import static org.assertj.core.api.Assertions.assertThat;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.CandidateVerdict;
import io.backtest.contracts.events.Correlations;
import io.backtest.contracts.events.CycleCompleted;
import io.backtest.contracts.events.CycleScored;
import io.backtest.contracts.events.GateCheck;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.contracts.events.RegimePerformance;
import io.backtest.contracts.events.StrategyDemoted;
import io.backtest.contracts.events.StrategyPromoted;
import io.backtest.strategy.Fixtures;
import io.backtest.strategy.Fixtures.Stats;
import io.backtest.strategy.LiveSetFixtures;
import io.backtest.strategy.LiveSetFixtures.SeededCycle;
import io.backtest.strategy.LiveSetProfile;
import io.backtest.strategy.config.PromotionConfig;
import io.backtest.strategy.repository.BacktestRunRepository;
import io.backtest.strategy.repository.CycleRepository;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.DeploymentRepository;
import io.backtest.strategy.repository.MarketRegimeRepository;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.messaging.Outbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promotion gate in the service: the engine's policy decides, the service applies it, stores
 * what it read and why, and writes each change with its history row and its event.
 */
@QuarkusTest
@TestProfile(LiveSetProfile.class)
class PromotionServiceTest {
  @Inject PromotionService promotions;
  @Inject PromotionConfig config;
  @Inject CycleRepository cycles;
  @Inject StrategyRepository strategies;
  @Inject BacktestRunRepository runs;
  @Inject DatasetRepository datasets;
  @Inject DeploymentRepository deployments;
  @Inject MarketRegimeRepository marketRegimes;
  @Inject LiveSetChanges changes;
  @Inject Outbox outbox;
  @Inject PlatformConfig platform;
  @Inject ParameterCipher cipher;

  @BeforeEach
  void emptyLiveSet() {
    LiveSetFixtures.resetLiveSet();
  }

  /**
   * AAPL 1d (the seeded cycles' market) is in HIGH volatility and RANGING, as the regime consumer
   * would have recorded it; the hmm detector's verdict is one no candidate has figures for.
   */
  private static void aaplInHighVolatilityAndRanging() {
    Fixtures.execute("delete from market_regime where symbol = 'AAPL' and timeframe = '1d'");
    Timestamp bar = Timestamp.from(Instant.parse("2013-12-31T00:00:00Z"));
    for (String[] row :
        new String[][] {{"volatility", "HIGH"}, {"trend", "RANGING"}, {"hmm", "LOW"}}) {
      Fixtures.execute(
          "insert into market_regime (symbol, timeframe, detector, regime, bar_time, changed_at,"
              + " event_id) values ('AAPL', '1d', ?, ?, ?, now(), gen_random_uuid())",
          row[0],
          row[1],
          bar);
    }
  }

  /**
   * Two passing candidates: rank 1 loses in HIGH volatility over 40 points (and wins elsewhere),
   * rank 2 wins there; neither has 20 points in RANGING.
   */
  private static CycleScored regimeRanking(SeededCycle c) {
    List<RegimePerformance> losingInHigh =
        List.of(
            new RegimePerformance("volatility", "NORMAL", 160, 0.002, 1.9, 0.37, 0.8),
            new RegimePerformance("volatility", "HIGH", 40, -0.001, -0.6, -0.039, 0.2),
            new RegimePerformance("trend", "RANGING", 5, -0.004, -2.0, -0.02, 0.025));
    List<RegimePerformance> winningInHigh =
        List.of(
            new RegimePerformance("volatility", "NORMAL", 150, 0.001, 1.1, 0.16, 0.75),
            new RegimePerformance("volatility", "HIGH", 50, 0.00002, 0.1, 0.001, 0.25));
    List<RankedStrategy> ranked =
        List.of(
            new RankedStrategy(1, c.strategy(0), 0.95, Stats.passing().build(), losingInHigh),
            new RankedStrategy(2, c.strategy(1), 0.85, Stats.passing().build(), winningInHigh));
    return Fixtures.scored(
        c.cycleId(),
        2,
        ranked,
        Fixtures.overfitting(2, 0.1),
        Fixtures.uncorrelated(c.strategyIds()));
  }

  @Test
  void withRegimeFitRequiredACandidateLosingInTheCurrentRegimeIsRejectedSayingWhere() {
    aaplInHighVolatilityAndRanging();
    SeededCycle c = seedCycle(2);
    decide(withRegimeFit(), regimeRanking(c));

    CycleCompleted completed = completed(c.cycleId());
    assertThat(completed.promoted()).containsExactly(c.strategy(1));
    CandidateVerdict losing = completed.verdicts().get(0);
    // detectors in name order: trend (5 points, not judged), then volatility; hmm is no detector of
    // the candidates' figures and is left out
    String losingCheck =
        "5 out-of-sample points in the current trend regime RANGING, fewer than 20: not judged;"
            + " losing in the current volatility regime HIGH: mean -0.10% over 40 points";
    assertThat(losing.outcome()).isEqualTo("REJECTED_BY_GATES");
    assertThat(losing.reason()).isEqualTo("rejected: " + losingCheck);
    GateCheck fit = regimeFit(losing);
    assertThat(fit.passed()).isFalse();
    assertThat(fit.value()).isEqualTo(-0.001);
    assertThat(fit.reason()).isEqualTo(losingCheck);

    CandidateVerdict winning = completed.verdicts().get(1);
    assertThat(winning.outcome()).isEqualTo("PROMOTED");
    GateCheck passed = regimeFit(winning);
    assertThat(passed.passed()).isTrue();
    assertThat(passed.reason())
        .isEqualTo(
            "0 out-of-sample points in the current trend regime RANGING, fewer than 20: not"
                + " judged; not losing in the current volatility regime HIGH: mean +0.0020% over 50"
                + " points");
    assertThat(
            Fixtures.queryLong(
                "select count(*) from strategy where id = ? and status = 'CANDIDATE' and reason = ?",
                c.strategy(0),
                "rejected: " + losingCheck))
        .isEqualTo(1);
  }

  @Test
  void withRegimeFitRequiredAnUnknownCurrentRegimeJudgesNoCandidate() {
    Fixtures.execute("delete from market_regime where symbol = 'AAPL' and timeframe = '1d'");
    SeededCycle c = seedCycle(2);
    decide(withRegimeFit(), regimeRanking(c));

    CycleCompleted completed = completed(c.cycleId());
    assertThat(completed.promoted()).containsExactly(c.strategy(0), c.strategy(1));
    assertThat(completed.verdicts())
        .allSatisfy(
            v ->
                assertThat(regimeFit(v).reason())
                    .isEqualTo("current market regime unknown: regime fit not checked"));
  }

  @Test
  void withRegimeFitOffByDefaultTheCheckIsAbsent() {
    assertThat(promotions.rules().requireRegimeFit()).isFalse();
    aaplInHighVolatilityAndRanging();
    SeededCycle c = seedCycle(2);
    decide(promotions, regimeRanking(c));

    CycleCompleted completed = completed(c.cycleId());
    assertThat(completed.promoted()).containsExactly(c.strategy(0), c.strategy(1));
    assertThat(completed.verdicts())
        .allSatisfy(
            v -> {
              assertThat(v.gates()).isNotEmpty();
              assertThat(v.gates()).noneMatch(g -> g.gate().equals("regime-fit"));
            });
  }

  private static GateCheck regimeFit(CandidateVerdict verdict) {
    return verdict.gates().stream()
        .filter(g -> g.gate().equals("regime-fit"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no regime-fit check in " + verdict));
  }

  /**
   * The gate as a service configured with {@code strategy.promotion.regime-fit.required=true} (and
   * the default 20 points) would run it.
   */
  private PromotionService withRegimeFit() {
    // a proxy, not a subclass: the mapping's validation annotations would make one a CDI bean
    PromotionConfig required =
        (PromotionConfig)
            Proxy.newProxyInstance(
                PromotionConfig.class.getClassLoader(),
                new Class<?>[] {PromotionConfig.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("regimeFitRequired")) {
                    return true;
                  }
                  if (method.isDefault()) {
                    return InvocationHandler.invokeDefault(proxy, method, args);
                  }
                  return method.invoke(config, args);
                });
    assertThat(required.rules()).isEqualTo(config.rules().withRegimeFit(true, 20));
    return new PromotionService(
        cycles,
        strategies,
        runs,
        datasets,
        deployments,
        marketRegimes,
        changes,
        outbox,
        platform,
        cipher,
        required);
  }

  @Test
  void ofTwoCorrelatedPassingCandidatesOnlyTheBetterIsPromoted() {
    SeededCycle c = seedCycle(4);
    // ranks 1 and 2 correlate 0.9; rank 3 passes and correlates with neither; rank 4 is noise
    double[][] among = new double[4][4];
    among[0][1] = 0.9;
    CycleScored scored =
        ranking(
            c,
            c.strategyIds(),
            new double[] {0.91, 0.88, 0.8, 0.3},
            List.of(Stats.passing(), Stats.passing(), Stats.passing(), Stats.noise()),
            among);
    decide(promotions, scored);

    CycleCompleted completed = completed(c.cycleId());
    assertThat(completed.promoted()).containsExactly(c.strategy(0), c.strategy(2));
    assertThat(completed.liveCount()).isEqualTo(2);
    List<CandidateVerdict> verdicts = completed.verdicts();
    assertThat(verdicts)
        .extracting(CandidateVerdict::outcome)
        .containsExactly("PROMOTED", "CORRELATED", "PROMOTED", "REJECTED_BY_GATES");
    String correlated =
        "not promoted: |correlation| 0.90 with candidate " + c.strategy(0) + " >= 0.70";
    assertThat(verdicts.get(1).reason()).isEqualTo(correlated);
    assertThat(verdicts.get(1).gates())
        .anySatisfy(
            g -> {
              assertThat(g.gate()).isEqualTo("correlation");
              assertThat(g.passed()).isFalse();
            });
    assertThat(completed.summary())
        .isEqualTo(
            "promoted 2 of 4 candidates (1 rejected by the gates, 1 too correlated with the live"
                + " set); live 2 of 35");
    // every candidate keeps the decision's sentence, its score, rank and statistics
    assertThat(
            Fixtures.queryLong(
                "select count(*) from strategy where id = ? and status = 'CANDIDATE' and reason = ?"
                    + " and rank = 2 and score = 0.88 and statistics like '%\"deflatedSharpe\":0.97%'",
                c.strategy(1), correlated))
        .isEqualTo(1);
    assertThat(
            Fixtures.queryLong(
                "select count(*) from strategy where cycle_id = ? and statistics is not null",
                c.cycleId()))
        .isEqualTo(4);
    assertThat(LiveSetFixtures.liveIds()).containsExactlyInAnyOrder(c.strategy(0), c.strategy(2));
  }

  @Test
  void aCandidateCorrelatedWithALiveStrategyIsNotPromoted() {
    SeededCycle first = seedCycle(1);
    decide(
        promotions,
        ranking(first, first.strategyIds(), new double[] {0.9}, all(1, Stats.passing())));
    UUID live = first.strategy(0);

    SeededCycle c = seedCycle(2);
    List<RankedStrategy> ranked =
        List.of(
            new RankedStrategy(1, c.strategy(0), 0.95, Stats.passing().build()),
            new RankedStrategy(2, c.strategy(1), 0.85, Stats.passing().build()));
    // rank 1 moves with the live strategy (-0.85), rank 2 does not (0.3)
    Correlations correlations =
        Correlations.of(
            c.strategyIds(), List.of(live), new double[2][2], new double[][] {{-0.85}, {0.3}});
    decide(
        promotions,
        Fixtures.scored(c.cycleId(), 2, ranked, Fixtures.overfitting(2, 0.1), correlations));

    CycleCompleted completed = completed(c.cycleId());
    assertThat(completed.promoted()).containsExactly(c.strategy(1));
    assertThat(completed.verdicts().getFirst().reason())
        .isEqualTo("not promoted: |correlation| 0.85 with live strategy " + live + " >= 0.70");
  }

  @Test
  void noiseLikeRankingPromotesNothingAndEveryVerdictSaysWhy() {
    SeededCycle c = seedCycle(5);
    decide(
        promotions,
        ranking(
            c, c.strategyIds(), new double[] {0.4, 0.38, 0.35, 0.3, 0.2}, all(5, Stats.noise())));

    CycleCompleted completed = completed(c.cycleId());
    assertThat(completed.promoted()).isEmpty();
    assertThat(completed.summary())
        .isEqualTo("promoted 0 of 5 candidates (5 rejected by the gates); live 0 of 35");
    String why =
        "rejected: DSR 0.41 < 0.95 (N = 4,200 trials); OOS t-statistic 0.80 < 2.00; 3.0 years of"
            + " OOS data < MinBTL 9.4 years for 4,200 trials";
    assertThat(completed.verdicts())
        .hasSize(5)
        .allSatisfy(
            v -> {
              assertThat(v.outcome()).isEqualTo("REJECTED_BY_GATES");
              assertThat(v.reason()).isEqualTo(why);
            });
    assertThat(
            Fixtures.queryLong(
                "select count(*) from strategy where cycle_id = ? and status = 'CANDIDATE' and"
                    + " reason = ?",
                c.cycleId(),
                why))
        .isEqualTo(5);
    // the decision changed nothing, so it added no history, and marks where the history stood
    assertThat(
            Fixtures.queryLong("select count(*) from deployment where cycle_id = ?", c.cycleId()))
        .isZero();
    assertThat(
            Fixtures.queryLong(
                "select count(*) from cycle where id = ? and status = 'COMPLETED' and"
                    + " deployment_seq = (select coalesce(max(seq), 0) from deployment)",
                c.cycleId()))
        .isEqualTo(1);
  }

  @Test
  void everyChangeHasItsHistoryRowAndItsEventAndNoneIsWithoutTheOther() {
    // a full live set of 35, then a cycle whose two best candidates replace the two weakest
    SeededCycle full = seedCycle(35);
    double[] fullScores = new double[35];
    for (int i = 0; i < 35; i++) {
      fullScores[i] = 0.80 - 0.01 * i;
    }
    decide(promotions, ranking(full, full.strategyIds(), fullScores, all(35, Stats.passing())));
    assertThat(Fixtures.liveCount()).isEqualTo(35);

    SeededCycle c = seedCycle(3);
    decide(
        promotions,
        ranking(c, c.strategyIds(), new double[] {0.9, 0.6, 0.2}, all(3, Stats.passing())));

    CycleCompleted completed = completed(c.cycleId());
    // 0.9 > 0.46 + 0.05 and 0.6 > 0.47 + 0.05; 0.2 beats nothing
    assertThat(completed.promoted()).containsExactly(c.strategy(0), c.strategy(1));
    assertThat(completed.demoted()).containsExactly(full.strategy(34), full.strategy(33));
    assertThat(completed.liveCount()).isEqualTo(35);
    assertThat(Fixtures.liveCount()).isEqualTo(35);

    // four changes: four history rows of the cycle, each with its published event
    assertThat(
            Fixtures.queryLong("select count(*) from deployment where cycle_id = ?", c.cycleId()))
        .isEqualTo(4);
    List<EventEnvelope<StrategyPromoted>> promoted =
        kafka()
            .awaitEvents(
                EventCatalog.STRATEGY_PROMOTED,
                e -> e.data().cycleId().equals(c.cycleId()),
                2,
                WAIT);
    List<EventEnvelope<StrategyDemoted>> demoted =
        kafka()
            .awaitEvents(
                EventCatalog.STRATEGY_DEMOTED,
                e -> c.cycleId().equals(e.data().cycleId()),
                2,
                WAIT);
    List<UUID> eventIds = new ArrayList<>();
    promoted.forEach(e -> eventIds.add(e.id()));
    demoted.forEach(e -> eventIds.add(e.id()));
    for (UUID eventId : eventIds) {
      assertThat(
              Fixtures.queryLong(
                  "select count(*) from deployment where event_id = ? and cycle_id = ?",
                  eventId,
                  c.cycleId()))
          .isEqualTo(1);
    }
    EventEnvelope<StrategyDemoted> weakest =
        demoted.stream()
            .filter(e -> e.data().strategyId().equals(full.strategy(34)))
            .findFirst()
            .orElseThrow();
    assertThat(weakest.data().replacedBy()).isEqualTo(c.strategy(0));
    assertThat(weakest.data().reason())
        .isEqualTo(
            "replaced: live set full (35 of 35) and "
                + c.strategy(0)
                + " scores 0.9000 > 0.4600 + margin 0.0500");
    assertThat(
            Fixtures.queryLong(
                "select count(*) from deployment where strategy_id = ? and action = 'DEMOTED' and"
                    + " reason = ? and event_id = ?",
                full.strategy(34),
                weakest.data().reason(),
                weakest.id()))
        .isEqualTo(1);
    // the history replayed gives the live set, and the database's count agrees
    assertThat(LiveSetFixtures.replayedLiveSet()).isEqualTo(LiveSetFixtures.liveIds());
    assertThat(Fixtures.queryLong("select live from live_limit")).isEqualTo(35);
  }

  private static CycleCompleted completed(UUID cycleId) {
    return kafka()
        .awaitEvents(EventCatalog.CYCLE_COMPLETED, e -> e.data().cycleId().equals(cycleId), 1, WAIT)
        .getFirst()
        .data();
  }
}
