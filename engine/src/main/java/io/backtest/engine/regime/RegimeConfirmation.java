package io.backtest.engine.regime;

/**
 * The minimum dwell every detector shares: the regime moves to where the bars point only after
 * {@code confirmationBars} consecutive bars point to the same other regime, so that one noisy bar
 * cannot flip it. The first regime pointed to is taken at once.
 *
 * @param <R> the regime type
 */
final class RegimeConfirmation<R> {
  private final int confirmationBars;
  private R current;
  private R pending;
  private int pendingBars;

  RegimeConfirmation(int confirmationBars) {
    if (confirmationBars < 1) {
      throw new IllegalArgumentException(
          "confirmationBars must be >= 1 but was " + confirmationBars);
    }
    this.confirmationBars = confirmationBars;
  }

  /** The confirmed regime; null before the first bar pointed anywhere. */
  R current() {
    return current;
  }

  /**
   * One bar pointing to {@code pointed}.
   *
   * @return whether the confirmed regime changed on this bar
   */
  boolean update(R pointed) {
    if (current == null) {
      current = pointed;
      return true;
    }
    if (pointed == current) {
      pending = null;
      pendingBars = 0;
      return false;
    }
    pendingBars = pointed == pending ? pendingBars + 1 : 1;
    pending = pointed;
    if (pendingBars < confirmationBars) {
      return false;
    }
    current = pointed;
    pending = null;
    pendingBars = 0;
    return true;
  }
}
