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
 * @param templates templates the candidates were generated from, in request order
 * @param candidates number of candidates, so consumers know when all results are in
 * @param seed seed of the generation, which makes the cycle reproducible
 * @param strategyIds the candidates' strategy ids
 * @param execution execution model of every backtest in the cycle
 * @param walkForward the walk-forward analysis every candidate gets; null for one backtest over the
 *     whole dataset
 * @param scoring weights of the composite score for this cycle; null for scoring's defaults
 * @param startedAt when the cycle started
 * @param regimes the dataset's bars labelled by the regime detectors, as runs (per detector
 *     contiguous, non-overlapping and ascending; bars before a detector's warm-up ended carry no
 *     run); empty when not computed
 */
public record CycleStarted(
    UUID cycleId,
    DatasetRef dataset,
    List<String> templates,
    int candidates,
    long seed,
    List<UUID> strategyIds,
    ExecutionSettings execution,
    WalkForwardSettings walkForward,
    ScoringWeights scoring,
    Instant startedAt,
    List<RegimeRun> regimes) {
  public CycleStarted {
    Checks.present(cycleId, "cycleId");
    Checks.present(dataset, "dataset");
    templates = List.copyOf(Checks.present(templates, "templates"));
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("templates must not be empty");
    }
    templates.forEach(t -> Checks.text(t, "templates[]"));
    Checks.atLeast(candidates, 1, "candidates");
    strategyIds = List.copyOf(Checks.present(strategyIds, "strategyIds"));
    if (strategyIds.size() != candidates) {
      throw new IllegalArgumentException(
          "strategyIds has " + strategyIds.size() + " entries but candidates is " + candidates);
    }
    Checks.present(execution, "execution");
    Checks.present(startedAt, "startedAt");
    regimes = RegimeRun.checkRuns(regimes, "regimes");
  }

  /** A cycle whose dataset's regimes were not computed. */
  public CycleStarted(
      UUID cycleId,
      DatasetRef dataset,
      List<String> templates,
      int candidates,
      long seed,
      List<UUID> strategyIds,
      ExecutionSettings execution,
      WalkForwardSettings walkForward,
      ScoringWeights scoring,
      Instant startedAt) {
    this(
        cycleId,
        dataset,
        templates,
        candidates,
        seed,
        strategyIds,
        execution,
        walkForward,
        scoring,
        startedAt,
        List.of());
  }
}
