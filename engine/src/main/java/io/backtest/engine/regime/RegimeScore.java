package io.backtest.engine.regime;

import io.backtest.engine.data.OhlcvBar;
import io.backtest.engine.data.SyntheticBars;
import io.backtest.engine.data.SyntheticBars.Regime;
import io.backtest.engine.data.SyntheticBars.RegimeRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How well a detector's per-bar regimes match known true regimes, bar by bar from a first bar on.
 *
 * <ul>
 *   <li>agreement: share of bars whose detected regime equals the true one;
 *   <li>detection delay of a true change at bar t into regime L: bars from t to the first detected
 *       change into L at or after t and before the next true change; a true change without one is
 *       missed (this includes a detector that was already in L at t, which made no change to
 *       catch);
 *   <li>changes: detected and true changes after the first bar (the first regime is not a change).
 * </ul>
 *
 * @param bars bars scored
 * @param agreement share of them with the true regime
 * @param medianDelay median detection delay of the caught changes (mean of the middle two for an
 *     even count); NaN when none was caught
 * @param caught true changes caught
 * @param trueChanges true changes
 * @param detectedChanges detected changes
 */
record RegimeScore(
    int bars,
    double agreement,
    double medianDelay,
    int caught,
    int trueChanges,
    int detectedChanges) {

  /** Detected changes per true change. */
  double changeRatio() {
    return (double) detectedChanges / trueChanges;
  }

  @Override
  public String toString() {
    return String.format(
        "bars=%d agreement=%.4f medianDelay=%.1f caught=%d/%d detectedChanges=%d (%.2f x true)",
        bars, agreement, medianDelay, caught, trueChanges, detectedChanges, changeRatio());
  }

  /**
   * Scores {@code detected} (null before the warm-up) against {@code truth} from bar {@code from}.
   */
  static <R> RegimeScore of(List<R> detected, List<R> truth, int from) {
    int n = truth.size();
    if (detected.size() != n) {
      throw new IllegalArgumentException("detected and true regimes differ in length");
    }
    int agree = 0;
    for (int k = from; k < n; k++) {
      if (Objects.equals(detected.get(k), truth.get(k))) {
        agree++;
      }
    }
    List<Integer> trueChanges = new ArrayList<>();
    List<Integer> detectedChanges = new ArrayList<>();
    for (int k = from + 1; k < n; k++) {
      if (!truth.get(k).equals(truth.get(k - 1))) {
        trueChanges.add(k);
      }
      if (!Objects.equals(detected.get(k), detected.get(k - 1))) {
        detectedChanges.add(k);
      }
    }
    List<Integer> delays = new ArrayList<>();
    for (int i = 0; i < trueChanges.size(); i++) {
      int t = trueChanges.get(i);
      int next = i + 1 < trueChanges.size() ? trueChanges.get(i + 1) : n;
      R into = truth.get(t);
      for (int k : detectedChanges) {
        if (k >= t && k < next && into.equals(detected.get(k))) {
          delays.add(k - t);
          break;
        }
      }
    }
    return new RegimeScore(
        n - from,
        (double) agree / (n - from),
        median(delays),
        delays.size(),
        trueChanges.size(),
        detectedChanges.size());
  }

  static double median(List<Integer> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
  }

  /** The true regime of every bar, each regime name mapped by {@code label}. */
  static <R> List<R> truth(SyntheticBars.Generated generated, Function<String, R> label) {
    List<R> truth = new ArrayList<>(generated.bars().size());
    for (RegimeRun run : generated.regimes()) {
      R r = label.apply(run.regime());
      for (int k = run.fromIndex(); k <= run.toIndex(); k++) {
        truth.add(r);
      }
    }
    return truth;
  }

  /**
   * The volatility regime of each named regime by the rank of its volatility: the quietest is
   * {@code LOW}, the most volatile {@code HIGH}, a third in between {@code NORMAL}.
   */
  static Map<String, VolatilityRegime> volatilityRanks(List<Regime> regimes) {
    if (regimes.size() != 3) {
      throw new IllegalArgumentException("ranks are defined for three regimes");
    }
    Regime[] byVolatility = regimes.toArray(Regime[]::new);
    Arrays.sort(byVolatility, Comparator.comparingDouble(Regime::volatility));
    Map<String, VolatilityRegime> ranks = new HashMap<>();
    VolatilityRegime[] levels = VolatilityRegime.values();
    for (int i = 0; i < 3; i++) {
      ranks.put(byVolatility[i].name(), levels[i]);
    }
    return ranks;
  }

  /** The detector's regime after each bar (null during the warm-up). */
  static <R extends Enum<R>> List<R> run(RegimeDetector<R> detector, List<OhlcvBar> bars) {
    List<R> regimes = new ArrayList<>(bars.size());
    for (OhlcvBar bar : bars) {
      detector.update(bar);
      regimes.add(detector.current().orElse(null));
    }
    return regimes;
  }
}
