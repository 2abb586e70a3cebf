package io.backtest.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A backtest could not be evaluated; scoring counts it so that a cycle is never waited for forever.
 * Subject: the strategy id.
 *
 * @param backtestId the run
 * @param strategyId the candidate
 * @param cycleId the cycle
 * @param reason why, in a sentence
 * @param failedAt when it failed
 */
public record BacktestFailed(
    UUID backtestId, UUID strategyId, UUID cycleId, String reason, Instant failedAt) {
  public BacktestFailed {
    Checks.present(backtestId, "backtestId");
    Checks.present(strategyId, "strategyId");
    Checks.present(cycleId, "cycleId");
    Checks.text(reason, "reason");
    Checks.present(failedAt, "failedAt");
  }
}
