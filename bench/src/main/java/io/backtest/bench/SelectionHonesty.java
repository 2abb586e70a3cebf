package io.backtest.bench;

import io.backtest.contracts.events.OverfittingDiagnostics;
import io.backtest.contracts.events.RankedStrategy;
import io.backtest.engine.selection.SelectionExperiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The selection's statistical honesty at full size, as a table: 200 SMA-crossover candidates on
 * 5,000 daily bars per seed, on a driftless random walk and on drift regimes of several strengths
 * (the planted edge the tests use is {@link SelectionExperiment#EDGE_DRIFT}). Per seed: candidates
 * promoted, the best candidate's Sharpe ratio, DSR and t-statistic, and the cycle's PBO and
 * probability of out-of-sample loss.
 */
final class SelectionHonesty {

  private SelectionHonesty() {}

  /** Runs {@code seeds} seeds of each dataset and returns the report as Markdown. */
  static String report(int seeds, int candidates) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            "### Selection honesty: %d SMA-crossover candidates x %d bars, %d seeds each",
            candidates,
            SelectionExperiment.BARS,
            seeds));
    lines.add("");
    lines.add(
        "| dataset | seeds promoting | best DSR >= 0.95 | P(OOS loss) < 0.2 | PBO < 0.5 | median"
            + " best Sharpe | median best DSR | ms / cycle |");
    lines.add("|---|---:|---:|---:|---:|---:|---:|---:|");
    long t0 = System.nanoTime();
    lines.add(row("random walk (no edge)", SelectionExperiment.onNoise(seeds, candidates), t0));
    for (double drift : new double[] {0.0015, 0.002, 0.0025, SelectionExperiment.EDGE_DRIFT}) {
      long t = System.nanoTime();
      lines.add(
          row(
              String.format(Locale.ROOT, "drift regimes +-%.2f%%/bar", drift * 100),
              SelectionExperiment.onEdge(seeds, candidates, drift),
              t));
    }
    lines.add("");
    lines.add(
        "Promoting = at least one candidate promoted by the default gates (DSR >= 0.95, cycle"
            + " P(OOS loss) < 0.2, max drawdown <= 20%, >= 10 trades, t >= 2, MinBTL), best ="
            + " the highest-scored candidate. The tests require 0 promotions in >= 19 of 20 noise"
            + " seeds and a promotion in >= 19 of 20 seeds at the planted edge +-"
            + SelectionExperiment.EDGE_DRIFT * 100
            + "%/bar.");
    return String.join("\n", lines) + "\n";
  }

  private static String row(String name, List<SelectionExperiment.Run> runs, long startNanos) {
    int promoting = 0;
    int dsr = 0;
    int loss = 0;
    int pbo = 0;
    double[] sharpe = new double[runs.size()];
    double[] bestDsr = new double[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      SelectionExperiment.Run run = runs.get(i);
      if (run.promoted() > 0) {
        promoting++;
      }
      double maxDsr = 0;
      for (RankedStrategy r : run.outcome().score().ranking()) {
        maxDsr = Math.max(maxDsr, r.statistics().deflatedSharpe());
      }
      if (maxDsr >= 0.95) {
        dsr++;
      }
      OverfittingDiagnostics o = run.outcome().score().overfitting();
      if (o != null && o.probabilityOfOosLoss() < 0.2) {
        loss++;
      }
      if (o != null && o.pbo() != null && o.pbo() < 0.5) {
        pbo++;
      }
      RankedStrategy best = run.outcome().score().ranking().getFirst();
      sharpe[i] = best.statistics().sharpe();
      bestDsr[i] = best.statistics().deflatedSharpe();
    }
    int n = runs.size();
    return String.format(
        Locale.ROOT,
        "| %s | %d of %d | %d of %d | %d of %d | %d of %d | %.2f | %.3f | %d |",
        name,
        promoting,
        n,
        dsr,
        n,
        loss,
        n,
        pbo,
        n,
        median(sharpe),
        median(bestDsr),
        (System.nanoTime() - startNanos) / 1_000_000 / Math.max(1, n));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n == 0
        ? Double.NaN
        : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
