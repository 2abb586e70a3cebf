package io.backtest.gateway.rest;

/**
 * The realm roles of the API. Each user carries every role up to their level: an operator also has
 * viewer, an admin also operator and viewer, so each operation names only the lowest role it needs.
 */
public final class Roles {
  /**
   * Reads cycles, leaderboards, strategies, datasets, market windows, monitoring, the audit log.
   */
  public static final String VIEWER = "viewer";

  /** Also starts research cycles. */
  public static final String OPERATOR = "operator";

  /** Also verifies the audit log, promotes and demotes by hand, and rolls the live set back. */
  public static final String ADMIN = "admin";

  private Roles() {}
}
