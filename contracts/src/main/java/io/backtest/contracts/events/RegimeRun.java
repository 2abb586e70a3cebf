package io.backtest.contracts.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run of a dataset's bars that one regime detector labels with one regime: bars {@code
 * [fromIndex, toIndex)} carry {@code regime}.
 *
 * @param detector which detector: {@code volatility} (LOW / NORMAL / HIGH) or {@code trend}
 *     (TRENDING_UP / TRENDING_DOWN / RANGING)
 * @param regime the regime of every bar of the run
 * @param fromIndex first bar of the run, 0-based
 * @param toIndex end of the run (exclusive)
 */
public record RegimeRun(String detector, String regime, int fromIndex, int toIndex) {

  /** The volatility detector's name. */
  public static final String VOLATILITY = "volatility";

  /** The trend detector's name. */
  public static final String TREND = "trend";

  public RegimeRun {
    checkRegime(detector, regime);
    Checks.atLeast(fromIndex, 0, "fromIndex");
    Checks.atLeast(toIndex, fromIndex + 1, "toIndex");
  }

  /** Whether bar {@code index} is in the run. */
  public boolean contains(int index) {
    return index >= fromIndex && index < toIndex;
  }

  /** Checks a detector's name and that {@code regime} is one of its regimes. */
  static void checkRegime(String detector, String regime) {
    Checks.oneOf(detector, "detector", VOLATILITY, TREND);
    if (VOLATILITY.equals(detector)) {
      Checks.oneOf(regime, "regime", "LOW", "NORMAL", "HIGH");
    } else {
      Checks.oneOf(regime, "regime", "TRENDING_UP", "TRENDING_DOWN", "RANGING");
    }
  }

  /**
   * Checks a list of runs as events carry it: per detector, in list order, each run starts where
   * the previous one ended and has another regime (contiguous, non-overlapping, ascending, and
   * merged).
   *
   * @return an unmodifiable copy
   */
  static List<RegimeRun> checkRuns(List<RegimeRun> runs, String field) {
    List<RegimeRun> copy = List.copyOf(Checks.present(runs, field));
    Map<String, RegimeRun> last = new HashMap<>();
    for (int i = 0; i < copy.size(); i++) {
      RegimeRun run = copy.get(i);
      RegimeRun previous = last.put(run.detector(), run);
      if (previous == null) {
        continue;
      }
      if (run.fromIndex() != previous.toIndex()) {
        throw new IllegalArgumentException(
            field
                + "["
                + i
                + "]: a "
                + run.detector()
                + " run must start at "
                + previous.toIndex()
                + ", where the previous one ended, but starts at "
                + run.fromIndex());
      }
      if (run.regime().equals(previous.regime())) {
        throw new IllegalArgumentException(
            field
                + "["
                + i
                + "]: repeats the previous "
                + run.detector()
                + " run's regime "
                + run.regime()
                + " (adjacent runs of one regime are one run)");
      }
    }
    return copy;
  }
}
