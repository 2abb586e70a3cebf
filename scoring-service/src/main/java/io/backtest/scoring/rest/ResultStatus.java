package io.backtest.scoring.rest;

/** Where a scored result is in its cycle's scoring. */
public enum ResultStatus {
  /** Its cycle is still open: scores, ranks and statistics come when it closes. */
  PENDING,
  /** Scored and ranked with its cycle. */
  RANKED,
  /** Arrived after its cycle closed: kept, never scored or ranked. */
  LATE
}
