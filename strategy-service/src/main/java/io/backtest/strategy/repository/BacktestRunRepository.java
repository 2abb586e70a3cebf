package io.backtest.strategy.repository;

import io.backtest.strategy.domain.BacktestRun;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Backtest runs. */
@ApplicationScoped
public class BacktestRunRepository implements PanacheRepositoryBase<BacktestRun, UUID> {

  /** The runs of the given strategies. */
  public Uni<List<BacktestRun>> ofStrategies(Collection<UUID> strategyIds) {
    if (strategyIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("strategyId in ?1", strategyIds);
  }

  /** The run of one strategy, or null. */
  public Uni<BacktestRun> ofStrategy(UUID strategyId) {
    return find("strategyId", strategyId).firstResult();
  }

  /** The runs of a cycle. */
  public Uni<List<BacktestRun>> ofCycle(UUID cycleId) {
    return list("cycleId", cycleId);
  }

  /**
   * Up to {@code limit} runs whose walk-forward summary is encrypted with one of {@code keyIds},
   * with ids above {@code after} (null: from the first), by id.
   */
  public Uni<List<SealedValue>> walkForwardUnder(Collection<String> keyIds, UUID after, int limit) {
    return SealedValue.page(
        "BacktestRun", "walkForwardEnc", "walkForwardKeyId", keyIds, after, limit);
  }

  /**
   * Replaces a run's encrypted walk-forward summary, only if it is still encrypted with {@code
   * fromKeyId}; touches no other column.
   *
   * @return whether the row was rewritten
   */
  public Uni<Boolean> resealWalkForward(UUID id, String fromKeyId, byte[] value, String keyId) {
    return update(
            "walkForwardEnc = :value, walkForwardKeyId = :key"
                + " where id = :id and walkForwardKeyId = :from",
            Parameters.with("value", value).and("key", keyId).and("id", id).and("from", fromKeyId))
        .map(n -> n > 0);
  }

  /** How many runs' walk-forward summaries each key id encrypts. */
  public Uni<Map<String, Long>> countByWalkForwardKey() {
    return getSession()
        .chain(
            s ->
                s.createSelectionQuery(
                        "select walkForwardKeyId, count(*) from BacktestRun"
                            + " where walkForwardKeyId is not null group by walkForwardKeyId",
                        Object[].class)
                    .getResultList())
        .map(StrategyRepository::counts);
  }
}
