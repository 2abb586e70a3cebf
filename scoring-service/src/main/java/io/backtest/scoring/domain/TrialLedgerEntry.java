package io.backtest.scoring.domain;

import io.backtest.engine.selection.TrialHistory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * What one closed cycle added to the trials made on its symbol and timeframe. Append-only: trials
 * are never forgotten, or later deflated Sharpe ratios would be inflated (see migration V4).
 */
@Entity
@Table(name = "trial_ledger")
public class TrialLedgerEntry {
  @Id
  @Column(name = "cycle_id")
  public UUID cycleId;

  @Column(nullable = false)
  public String symbol;

  @Column(nullable = false)
  public String timeframe;

  /** Parameter sets the cycle tried. */
  @Column(nullable = false)
  public long trials;

  /** Sharpe ratios observed, one per scored candidate. */
  @Column(nullable = false)
  public long sharpes;

  /** Sum of those annualised Sharpe ratios. */
  @Column(name = "sharpe_sum", nullable = false)
  public double sharpeSum;

  /** Sum of their squares. */
  @Column(name = "sharpe_squares", nullable = false)
  public double sharpeSquares;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  /** The entry of a cycle's contribution. */
  public static TrialLedgerEntry of(
      UUID cycleId, String symbol, String timeframe, TrialHistory contribution, Instant at) {
    TrialLedgerEntry entry = new TrialLedgerEntry();
    entry.cycleId = cycleId;
    entry.symbol = symbol;
    entry.timeframe = timeframe;
    entry.trials = contribution.trials();
    entry.sharpes = contribution.sharpes();
    entry.sharpeSum = contribution.sharpeSum();
    entry.sharpeSquares = contribution.sharpeSquares();
    entry.recordedAt = at;
    return entry;
  }
}
