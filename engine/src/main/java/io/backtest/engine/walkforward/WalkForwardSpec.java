package io.backtest.engine.walkforward;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a walk-forward analysis cuts a series into folds and optimises each fold.
 *
 * <p>Fold {@code k} (from 0) tests on the out-of-sample window {@code [s_k, s_k + outOfSampleBars)}
 * with {@code s_k = inSampleBars + k × stepBars}, after optimising on the in-sample window right
 * before it: {@code [s_k − inSampleBars, s_k)} when {@link Windows#ROLLING}, {@code [0, s_k)} when
 * {@link Windows#ANCHORED}. Folds are cut while a whole out-of-sample window fits; bars after the
 * last one are not tested. {@code stepBars >= outOfSampleBars}, so out-of-sample windows never
 * overlap and their stitched record counts every bar at most once (Pardo, <i>The Evaluation and
 * Optimization of Trading Strategies</i>, 2nd ed., 2008, ch. 11).
 *
 * @param windows rolling or anchored in-sample windows
 * @param inSampleBars bars of each (rolling) in-sample window, and of the first anchored one
 * @param outOfSampleBars bars of each out-of-sample window
 * @param stepBars distance between the starts of consecutive out-of-sample windows
 * @param search how the candidate's parameter region is sampled
 * @param points parameter sets tried per fold (K), the candidate's own among them
 * @param objective what the in-sample optimisation maximises
 */
public record WalkForwardSpec(
    Windows windows,
    int inSampleBars,
    int outOfSampleBars,
    int stepBars,
    Search search,
    int points,
    Objective objective) {

  /** Largest K: a region of more points is an optimisation over the whole space, not a region. */
  public static final int MAX_POINTS = 500;

  /** Default K. */
  public static final int DEFAULT_POINTS = 50;

  /** In-sample window placement. */
  public enum Windows {
    /** A window of fixed length that moves forward with the out-of-sample window. */
    ROLLING,
    /** A window that always starts at the first bar and grows. */
    ANCHORED
  }

  /** How the K parameter sets of a fold are chosen from the candidate's neighbourhood. */
  public enum Search {
    /** The K grid points nearest the candidate (see {@link ParameterRegion}). */
    GRID,
    /** The candidate plus K − 1 points drawn with the seed from its 4K nearest. */
    RANDOM
  }

  public WalkForwardSpec {
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(objective, "objective");
    if (inSampleBars < 2) {
      throw new IllegalArgumentException("inSampleBars must be >= 2 but was " + inSampleBars);
    }
    if (outOfSampleBars < 2) {
      throw new IllegalArgumentException("outOfSampleBars must be >= 2 but was " + outOfSampleBars);
    }
    if (stepBars < outOfSampleBars) {
      throw new IllegalArgumentException(
          "stepBars ("
              + stepBars
              + ") must be >= outOfSampleBars ("
              + outOfSampleBars
              + ") so out-of-sample windows do not overlap");
    }
    if (points < 1 || points > MAX_POINTS) {
      throw new IllegalArgumentException(
          "points must be in 1.." + MAX_POINTS + " but was " + points);
    }
  }

  /** Rolling windows, step = out-of-sample length, grid search of K = 50 points by Sharpe. */
  public static WalkForwardSpec rolling(int inSampleBars, int outOfSampleBars) {
    return new WalkForwardSpec(
        Windows.ROLLING,
        inSampleBars,
        outOfSampleBars,
        outOfSampleBars,
        Search.GRID,
        DEFAULT_POINTS,
        Objective.SHARPE);
  }

  public WalkForwardSpec withWindows(Windows windows) {
    return new WalkForwardSpec(
        windows, inSampleBars, outOfSampleBars, stepBars, search, points, objective);
  }

  public WalkForwardSpec withStepBars(int stepBars) {
    return new WalkForwardSpec(
        windows, inSampleBars, outOfSampleBars, stepBars, search, points, objective);
  }

  public WalkForwardSpec withSearch(Search search, int points) {
    return new WalkForwardSpec(
        windows, inSampleBars, outOfSampleBars, stepBars, search, points, objective);
  }

  public WalkForwardSpec withObjective(Objective objective) {
    return new WalkForwardSpec(
        windows, inSampleBars, outOfSampleBars, stepBars, search, points, objective);
  }

  /** Number of folds over {@code barCount} bars; 0 when not even one fits. */
  public int foldCount(int barCount) {
    long room = (long) barCount - inSampleBars - outOfSampleBars;
    return room < 0 ? 0 : Math.toIntExact(room / stepBars + 1);
  }

  /**
   * The folds over a series of {@code barCount} bars.
   *
   * @throws IllegalArgumentException when not one fold fits, saying how many bars one needs
   */
  public List<FoldWindow> folds(int barCount) {
    int count = foldCount(barCount);
    if (count == 0) {
      throw new IllegalArgumentException(
          "walk-forward needs at least inSampleBars + outOfSampleBars = "
              + ((long) inSampleBars + outOfSampleBars)
              + " bars for one fold but the dataset has "
              + barCount);
    }
    List<FoldWindow> folds = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int oosFrom = inSampleBars + k * stepBars;
      int isFrom = windows == Windows.ROLLING ? oosFrom - inSampleBars : 0;
      folds.add(new FoldWindow(k, isFrom, oosFrom, oosFrom, oosFrom + outOfSampleBars));
    }
    return folds;
  }
}
