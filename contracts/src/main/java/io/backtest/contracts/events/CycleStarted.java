package io.backtest.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An evaluation cycle began: its candidates are stored and one {@code backtest.requested} per
 * candidate follows. Subject: the cycle id.
 *
 * @param cycleId the cycle
 * @param dataset the data every candidate is evaluated on
 * @param template template the candidates were generated from
 * @param candidates number of candidates, so consumers know when all results are in
 * @param seed seed of the generation, which makes the cycle reproducible
 * @param strategyIds the candidates' strategy ids
 * @param execution execution model of every backtest in the cycle
 * @param startedAt when the cycle started
 */
public record CycleStarted(
    UUID cycleId,
    DatasetRef dataset,
    String template,
    int candidates,
    long seed,
    List<UUID> strategyIds,
    ExecutionSettings execution,
    Instant startedAt) {
  public CycleStarted {
    Checks.present(cycleId, "cycleId");
    Checks.present(dataset, "dataset");
    Checks.text(template, "template");
    Checks.atLeast(candidates, 1, "candidates");
    strategyIds = List.copyOf(Checks.present(strategyIds, "strategyIds"));
    if (strategyIds.size() != candidates) {
      throw new IllegalArgumentException(
          "strategyIds has " + strategyIds.size() + " entries but candidates is " + candidates);
    }
    Checks.present(execution, "execution");
    Checks.present(startedAt, "startedAt");
  }
}
