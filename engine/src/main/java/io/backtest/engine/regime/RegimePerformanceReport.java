package io.backtest.engine.regime;

import io.backtest.contracts.events.RegimePerformance;
import io.backtest.contracts.events.RegimeRun;
import io.backtest.engine.metrics.ReturnStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A candidate's out-of-sample record per market regime: its return points grouped by the regime of
 * the dataset bar each point ends on, with the mean, Sharpe ratio and compounded return of each
 * group.
 *
 * <p><b>Which bar a point covers.</b> The out-of-sample record is the stitched equity of the
 * out-of-sample windows, in order (the whole dataset, {@code [0, bars)}, without a walk-forward
 * analysis). Return {@code j} of the stitched series is {@code equity[j + 1] / equity[j] − 1}, so
 * it covers stitched bar {@code j + 1}; a series of more than {@link
 * io.backtest.contracts.events.ReturnSeries#MAX_POINTS} points compounds {@code barsPerPoint}
 * consecutive returns into one point (the last may hold fewer), and a point belongs to the regime
 * of its last bar. {@link #lastBars} maps the points to dataset bars, {@link #of} groups them.
 *
 * <p><b>Per regime</b>, over the {@code k} points of a detector's regime: {@code meanReturn} their
 * mean, {@code sharpe} their mean over their sample standard deviation times {@code √pointsPerYear}
 * as {@link io.backtest.contracts.events.CandidateStatistics#sharpe()} (0 when {@code k < 2} or the
 * points do not vary), {@code totalReturn} {@code Π(1 + r) − 1}, and {@code share} {@code k} over
 * all points. Points on bars no run of a detector covers (before its warm-up ended) are in none of
 * its regimes; a regime without points is left out. Pure.
 */
public final class RegimePerformanceReport {

  private RegimePerformanceReport() {}

  /**
   * A half-open range of dataset bars, {@code [fromIndex, toIndex)}: one out-of-sample window.
   *
   * @param fromIndex first bar, 0-based
   * @param toIndex end (exclusive), above {@code fromIndex}
   */
  public record BarRange(int fromIndex, int toIndex) {
    public BarRange {
      if (fromIndex < 0 || toIndex <= fromIndex) {
        throw new IllegalArgumentException(
            "a bar range needs 0 <= fromIndex < toIndex but was ["
                + fromIndex
                + ", "
                + toIndex
                + ")");
      }
    }

    int size() {
      return toIndex - fromIndex;
    }
  }

  /**
   * The dataset bar each point of a stitched out-of-sample series ends on.
   *
   * @param windows the out-of-sample windows in stitching order (one window {@code [0, bars)}
   *     without a walk-forward analysis)
   * @param points number of points of the series
   * @param barsPerPoint returns compounded into each point, at least 1
   * @return for each point, the dataset index of its last bar (ascending when the windows are)
   * @throws IllegalArgumentException if the windows' {@code B} bars ({@code B − 1} returns) do not
   *     make {@code points} points of {@code barsPerPoint} returns
   */
  public static int[] lastBars(List<BarRange> windows, int points, int barsPerPoint) {
    Objects.requireNonNull(windows, "windows");
    if (barsPerPoint < 1) {
      throw new IllegalArgumentException("barsPerPoint must be >= 1 but was " + barsPerPoint);
    }
    long bars = windows.stream().mapToLong(BarRange::size).sum();
    long returns = Math.max(0, bars - 1);
    long expected = Math.ceilDiv(returns, barsPerPoint);
    if (expected != points) {
      throw new IllegalArgumentException(
          "out-of-sample windows of "
              + bars
              + " bars make "
              + expected
              + " points of "
              + barsPerPoint
              + " returns, but the series has "
              + points);
    }
    // stitched bar s -> dataset bar: walk the windows once, the points' last bars ascend
    int[] last = new int[points];
    int window = 0;
    long windowStart = 0;
    for (int p = 0; p < points; p++) {
      long stitched = Math.min(returns, (long) (p + 1) * barsPerPoint);
      while (stitched >= windowStart + windows.get(window).size()) {
        windowStart += windows.get(window).size();
        window++;
      }
      last[p] = (int) (windows.get(window).fromIndex() + stitched - windowStart);
    }
    return last;
  }

  /**
   * The record per detector and regime, detectors in the order volatility, trend, regimes in their
   * enum order ({@code LOW, NORMAL, HIGH}; {@code TRENDING_UP, TRENDING_DOWN, RANGING}).
   *
   * @param points the out-of-sample return points, in time order
   * @param lastBars the dataset bar each point ends on ({@link #lastBars}), ascending
   * @param pointsPerYear points per year, to annualise the Sharpe ratio
   * @param runs the dataset's regime runs (per detector contiguous and ascending)
   * @return one entry per regime with at least one point; empty without runs or points
   */
  public static List<RegimePerformance> of(
      double[] points, int[] lastBars, double pointsPerYear, List<RegimeRun> runs) {
    Objects.requireNonNull(points, "points");
    Objects.requireNonNull(lastBars, "lastBars");
    Objects.requireNonNull(runs, "runs");
    if (points.length != lastBars.length) {
      throw new IllegalArgumentException(
          points.length + " points but " + lastBars.length + " last bars");
    }
    if (!(pointsPerYear > 0) || Double.isInfinite(pointsPerYear)) {
      throw new IllegalArgumentException(
          "pointsPerYear must be finite and > 0 but was " + pointsPerYear);
    }
    List<RegimePerformance> report = new ArrayList<>();
    if (points.length == 0) {
      return report;
    }
    report.addAll(
        detector(
            RegimeRun.VOLATILITY,
            names(VolatilityRegime.values()),
            points,
            lastBars,
            pointsPerYear,
            runs));
    report.addAll(
        detector(
            RegimeRun.TREND, names(TrendRegime.values()), points, lastBars, pointsPerYear, runs));
    return List.copyOf(report);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  private static List<RegimePerformance> detector(
      String detector,
      List<String> regimes,
      double[] points,
      int[] lastBars,
      double pointsPerYear,
      List<RegimeRun> allRuns) {
    List<RegimeRun> runs = allRuns.stream().filter(r -> r.detector().equals(detector)).toList();
    List<List<Double>> groups = new ArrayList<>();
    regimes.forEach(r -> groups.add(new ArrayList<>()));
    int run = 0;
    for (int p = 0; p < points.length; p++) {
      int bar = lastBars[p];
      if (p > 0 && bar < lastBars[p - 1]) {
        throw new IllegalArgumentException(
            "last bars must ascend but point "
                + p
                + " ends on "
                + bar
                + " after "
                + lastBars[p - 1]);
      }
      while (run < runs.size() && runs.get(run).toIndex() <= bar) {
        run++;
      }
      if (run < runs.size() && runs.get(run).contains(bar)) {
        groups.get(regimes.indexOf(runs.get(run).regime())).add(points[p]);
      }
    }
    List<RegimePerformance> report = new ArrayList<>();
    for (int g = 0; g < regimes.size(); g++) {
      double[] r = groups.get(g).stream().mapToDouble(Double::doubleValue).toArray();
      if (r.length == 0) {
        continue;
      }
      double mean = ReturnStatistics.mean(r);
      double stdev = ReturnStatistics.sampleStandardDeviation(r);
      double sharpe = stdev > 0 ? mean / stdev * Math.sqrt(pointsPerYear) : 0;
      double growth = 1;
      for (double v : r) {
        growth *= 1 + v;
      }
      report.add(
          new RegimePerformance(
              detector,
              regimes.get(g),
              r.length,
              mean,
              Double.isFinite(sharpe) ? sharpe : 0,
              growth - 1,
              (double) r.length / points.length));
    }
    return report;
  }
}
