package io.backtest.strategy.service;

import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.backtest.strategy.config.ReevaluationConfig;
import io.backtest.strategy.domain.Cycle;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.repository.MarketRegimeRepository;
import io.backtest.strategy.repository.ReevaluationRepository;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.strategy.rest.StartCycleRequest;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A new cycle when the market regime of a symbol with live strategies changes: the live set was
 * chosen for the market as it was, so candidates are evaluated again on the market's newest
 * dataset. At most one such cycle per symbol and timeframe within {@code
 * strategy.reevaluation.min-interval}, across replicas (the last one is kept in the database).
 * Disabled by default.
 */
@ApplicationScoped
public class RegimeReevaluationService {
  private final StrategyRepository strategies;
  private final DatasetRepository datasets;
  private final ReevaluationRepository reevaluations;
  private final MarketRegimeRepository marketRegimes;
  private final CycleService cycles;
  private final ReevaluationPolicy policy;

  public RegimeReevaluationService(
      StrategyRepository strategies,
      DatasetRepository datasets,
      ReevaluationRepository reevaluations,
      MarketRegimeRepository marketRegimes,
      CycleService cycles,
      ReevaluationConfig config) {
    this.strategies = strategies;
    this.datasets = datasets;
    this.reevaluations = reevaluations;
    this.marketRegimes = marketRegimes;
    this.cycles = cycles;
    this.policy = ReevaluationPolicy.of(config);
  }

  /**
   * The {@code market.regime.changed} consumer's effect, in its transaction: records the market's
   * current regime of the event's detector (unless a newer one is stored, see {@link
   * MarketRegimeRepository#record}), then re-evaluates with the configured policy.
   */
  public Uni<Void> onRegimeChanged(EventEnvelope<MarketRegimeChanged> event) {
    MarketRegimeChanged change = event.data();
    return marketRegimes
        .record(change, event.id())
        .invoke(
            recorded -> {
              if (!recorded) {
                Log.infof(
                    "regime change %s (%s %s %s -> %s at bar %s) is not newer than the stored"
                        + " regime: current regime kept",
                    event.id(),
                    change.symbol(),
                    change.timeframe(),
                    change.detector(),
                    change.to(),
                    change.barTime());
              }
            })
        .chain(() -> reevaluate(event, policy, Instant.now()))
        .replaceWithVoid();
  }

  /**
   * Starts a re-evaluation cycle for {@code event} under {@code policy}, in the caller's
   * transaction, as {@code POST /api/v1/cycles} would (same validation, {@code cycle.started} and
   * {@code backtest.requested}, under the event's correlation id and caused by it); records the
   * market's re-evaluation at {@code now}. Returns the cycle, or null when the change calls for
   * none: disabled, a detector not listed, a first verdict, no live strategy on the symbol, no
   * dataset of the market, or the market re-evaluated less than the minimum interval ago.
   */
  public Uni<Cycle> reevaluate(
      EventEnvelope<MarketRegimeChanged> event, ReevaluationPolicy policy, Instant now) {
    MarketRegimeChanged change = event.data();
    String ignored = policy.ignored(change);
    if (ignored != null) {
      Log.debugf("regime change %s starts no cycle: %s", event.id(), ignored);
      return Uni.createFrom().nullItem();
    }
    String symbol = change.symbol();
    String timeframe = change.timeframe();
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    return strategies
        .countLiveOnSymbol(symbol)
        .chain(
            live -> {
              if (live == 0) {
                return skip(event, "no strategy on " + symbol + " is live");
              }
              return reevaluations
                  .lock(symbol, timeframe)
                  .chain(
                      () ->
                          reevaluations.reevaluatedAfter(
                              symbol, timeframe, at.minus(policy.minInterval())))
                  .chain(
                      recent -> {
                        if (recent) {
                          return skip(
                              event,
                              symbol
                                  + " "
                                  + timeframe
                                  + " was re-evaluated less than "
                                  + policy.minInterval()
                                  + " ago");
                        }
                        return datasets
                            .newest(symbol, timeframe)
                            .chain(
                                dataset ->
                                    dataset == null
                                        ? skip(
                                            event,
                                            "there is no dataset of " + symbol + " " + timeframe)
                                        : start(event, policy, dataset.id, at));
                      });
            });
  }

  private Uni<Cycle> start(
      EventEnvelope<MarketRegimeChanged> event,
      ReevaluationPolicy policy,
      String datasetId,
      Instant at) {
    MarketRegimeChanged change = event.data();
    String reason = ReevaluationPolicy.reason(change);
    StartCycleRequest request =
        new StartCycleRequest(
            datasetId,
            policy.candidates(),
            ReevaluationPolicy.seed(change),
            policy.templates().isEmpty() ? null : policy.templates(),
            null,
            null,
            null,
            null,
            null,
            null);
    return cycles
        .startCycle(request, event.correlationId(), event.id().toString(), reason)
        .call(
            cycle ->
                reevaluations.record(change.symbol(), change.timeframe(), at, cycle.id, reason))
        .invoke(
            cycle ->
                Log.infof(
                    "cycle %s started on %s: %s (seed %d)",
                    cycle.id, datasetId, reason, cycle.seed));
  }

  private static Uni<Cycle> skip(EventEnvelope<MarketRegimeChanged> event, String why) {
    Log.infof("regime change %s starts no cycle: %s", event.id(), why);
    return Uni.createFrom().nullItem();
  }
}
