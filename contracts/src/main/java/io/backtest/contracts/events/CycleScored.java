package io.backtest.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every result of a cycle is in (scored or failed) and ranked. Subject: the cycle id.
 *
 * @param cycleId the cycle
 * @param expected candidates announced by {@code cycle.started}
 * @param scored results scored
 * @param failed backtests that failed
 * @param ranking scored candidates, best first
 * @param scoredAt when the ranking was made
 */
public record CycleScored(
    UUID cycleId,
    int expected,
    int scored,
    int failed,
    List<RankedStrategy> ranking,
    Instant scoredAt) {
  public CycleScored {
    Checks.present(cycleId, "cycleId");
    Checks.atLeast(expected, 1, "expected");
    Checks.atLeast(scored, 0, "scored");
    Checks.atLeast(failed, 0, "failed");
    ranking = List.copyOf(Checks.present(ranking, "ranking"));
    if (ranking.size() != scored) {
      throw new IllegalArgumentException(
          "ranking has " + ranking.size() + " entries but scored is " + scored);
    }
    Checks.present(scoredAt, "scoredAt");
  }
}
