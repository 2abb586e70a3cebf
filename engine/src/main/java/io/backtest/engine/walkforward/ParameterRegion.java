package io.backtest.engine.walkforward;

import io.backtest.engine.strategy.ParameterSpace;
import io.backtest.engine.strategy.Parameters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The neighbourhood of a candidate in its template's grid: the parameter sets a walk-forward fold
 * optimises over.
 *
 * <p>Distance between grid points is measured in grid steps per parameter: {@code d_r = |p_r − c_r|
 * / step_r}. Points are ordered by the largest {@code d_r} (Chebyshev distance), then by the sum of
 * {@code d_r²}, then by grid order, so the order is total and reproducible; the candidate itself,
 * at distance 0, always comes first. {@link WalkForwardSpec.Search#GRID} takes the first K points
 * of that order; {@link WalkForwardSpec.Search#RANDOM} takes the candidate plus K − 1 points drawn
 * without replacement, with {@code new java.util.Random(seed)} and the same partial Fisher–Yates
 * shuffle as the candidate generator, from the next {@code 4K − 1}. Parameters outside the grid
 * (optional ones such as stops) are copied from the candidate to every point.
 */
public final class ParameterRegion {

  private ParameterRegion() {}

  /**
   * The K parameter sets of the candidate's region, the candidate first.
   *
   * @throws IllegalArgumentException if the candidate is not a valid point of {@code space}
   */
  public static List<Parameters> around(
      ParameterSpace space,
      Parameters candidate,
      WalkForwardSpec.Search search,
      int points,
      long seed) {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(search, "search");
    space.validate(candidate);
    List<String> names = space.gridNames();
    double[] steps = space.gridSteps();
    double[] centre = new double[names.size()];
    for (int r = 0; r < centre.length; r++) {
      centre[r] = candidate.getDouble(names.get(r));
    }
    List<Parameters> grid = space.grid();
    List<Ranked> ranked = new ArrayList<>(grid.size());
    for (int g = 0; g < grid.size(); g++) {
      Parameters point = grid.get(g);
      double max = 0;
      double squares = 0;
      for (int r = 0; r < centre.length; r++) {
        double d = Math.abs(point.getDouble(names.get(r)) - centre[r]) / steps[r];
        max = Math.max(max, d);
        squares += d * d;
      }
      ranked.add(new Ranked(point, max, squares, g));
    }
    ranked.sort(
        Comparator.comparingDouble(Ranked::max)
            .thenComparingDouble(Ranked::squares)
            .thenComparingInt(Ranked::order));
    // A valid candidate is a grid point (every grid value on its range's steps), so it leads the
    // order at distance 0; the grid is never empty (a space without ranges has the empty set).
    List<Parameters> near = new ArrayList<>(ranked.size());
    for (Ranked r : ranked) {
      near.add(withExtras(r.point(), candidate, names));
    }
    int k = Math.min(points, near.size());
    if (search == WalkForwardSpec.Search.GRID || k == near.size()) {
      return List.copyOf(near.subList(0, k));
    }
    List<Parameters> pool = new ArrayList<>(near.subList(1, Math.min(near.size(), 4 * k)));
    Random random = new Random(seed);
    for (int i = 0; i < k - 1; i++) {
      int j = i + random.nextInt(pool.size() - i);
      Parameters swap = pool.get(i);
      pool.set(i, pool.get(j));
      pool.set(j, swap);
    }
    List<Parameters> region = new ArrayList<>(k);
    region.add(near.getFirst());
    region.addAll(pool.subList(0, k - 1));
    return List.copyOf(region);
  }

  /** {@code point} plus the candidate's parameters that are not on the grid (stops, ...). */
  private static Parameters withExtras(Parameters point, Parameters candidate, List<String> names) {
    Parameters result = point;
    for (var entry : candidate.asMap().entrySet()) {
      if (!names.contains(entry.getKey())) {
        result = result.with(entry.getKey(), entry.getValue());
      }
    }
    return result;
  }

  private record Ranked(Parameters point, double max, double squares, int order) {}
}
