package io.backtest.bench;

/**
 * The yardstick of the engine benchmark: a long-only SMA crossover written as one loop over {@code
 * double[]}, the fastest form such a backtest takes in Java.
 *
 * <p>Same execution model as the engine's defaults: a signal on bar {@code i}'s close fills at bar
 * {@code i + 1}'s open; buys at {@code open × (1 + slippage)} with the fee paid out of the
 * committed equity, sells at {@code open × (1 − slippage)} minus the fee; equity marked at every
 * close. The SMAs are rolling sums; no signal before bar {@code slow} (a full slow window). A cross
 * up is {@code fast > slow} after {@code fast <= slow} on the previous bar.
 */
public final class TightLoop {

  private TightLoop() {}

  /** Result of a run: final equity (starting at 1), the number of entries and the equity sum. */
  public record Outcome(double finalEquity, int entries, double equitySum) {}

  /** Backtests SMA({@code fast}) × SMA({@code slow}) over {@code open} and {@code close}. */
  public static Outcome smaCrossover(
      double[] open, double[] close, int fast, int slow, double feeBps, double slippageBps) {
    int n = close.length;
    double fee = feeBps / 10_000;
    double slip = slippageBps / 10_000;
    double fastSum = 0;
    double slowSum = 0;
    double cash = 1;
    double quantity = 0;
    boolean holding = false;
    int pending = 0; // +1 buy at this bar's open, -1 sell
    boolean wasAbove = false;
    int entries = 0;
    double equitySum = 0;
    for (int i = 0; i < n; i++) {
      if (pending > 0) {
        double price = open[i] * (1 + slip);
        quantity = cash / (price * (1 + fee));
        cash -= quantity * price * (1 + fee);
        holding = true;
        entries++;
      } else if (pending < 0) {
        double proceeds = quantity * open[i] * (1 - slip);
        cash += proceeds - proceeds * fee;
        quantity = 0;
        holding = false;
      }
      pending = 0;
      double c = close[i];
      fastSum += c;
      slowSum += c;
      if (i >= fast) {
        fastSum -= close[i - fast];
      }
      if (i >= slow) {
        slowSum -= close[i - slow];
      }
      equitySum += cash + quantity * c;
      boolean above = fastSum / fast > slowSum / slow;
      if (i >= slow && i + 1 < n) {
        if (!holding && above && !wasAbove) {
          pending = 1;
        } else if (holding && !above && wasAbove) {
          pending = -1;
        }
      }
      wasAbove = above;
    }
    return new Outcome(cash + quantity * close[n - 1], entries, equitySum);
  }
}
