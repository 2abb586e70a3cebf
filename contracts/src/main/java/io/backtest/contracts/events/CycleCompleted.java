package io.backtest.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A cycle ended: its promotion decisions are made. Subject: the cycle id.
 *
 * @param cycleId the cycle
 * @param status {@code COMPLETED} or {@code FAILED}
 * @param candidates candidates generated
 * @param backtested backtests that completed
 * @param failed backtests that failed
 * @param promoted strategies promoted by this cycle
 * @param demoted strategies demoted to make room
 * @param liveCount live strategies after the cycle
 * @param cap maximum number of live strategies
 * @param summary the decision in a sentence
 * @param verdicts the decision on every ranked candidate, best first
 * @param completedAt when
 */
public record CycleCompleted(
    UUID cycleId,
    String status,
    int candidates,
    int backtested,
    int failed,
    List<UUID> promoted,
    List<UUID> demoted,
    int liveCount,
    int cap,
    String summary,
    List<CandidateVerdict> verdicts,
    Instant completedAt) {
  public CycleCompleted {
    Checks.present(cycleId, "cycleId");
    if (!"COMPLETED".equals(status) && !"FAILED".equals(status)) {
      throw new IllegalArgumentException("status must be COMPLETED or FAILED but was " + status);
    }
    Checks.atLeast(candidates, 0, "candidates");
    Checks.atLeast(backtested, 0, "backtested");
    Checks.atLeast(failed, 0, "failed");
    promoted = List.copyOf(Checks.present(promoted, "promoted"));
    demoted = List.copyOf(Checks.present(demoted, "demoted"));
    Checks.atLeast(liveCount, 0, "liveCount");
    Checks.atLeast(cap, 1, "cap");
    Checks.text(summary, "summary");
    verdicts = List.copyOf(Checks.present(verdicts, "verdicts"));
    Checks.present(completedAt, "completedAt");
  }
}
