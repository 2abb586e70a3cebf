package io.backtest.engine.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Draws distinct parameter sets from a template's grid, reproducibly from a seed.
 *
 * <p>The algorithm is part of the contract (a cycle stores only its seed and must be replayable on
 * any JVM): take {@code grid = template.space().grid()} in its documented order, create {@code new
 * java.util.Random(seed)}, and run the first {@code n} steps of a forward Fisher–Yates shuffle —
 * for {@code i = 0 .. n-1}: {@code j = i + random.nextInt(grid.size() - i)}, swap elements {@code
 * i} and {@code j} — then return elements {@code 0 .. n-1}. {@code java.util.Random}'s generator
 * and {@code nextInt(int)} are specified exactly in its Javadoc, so the result is the same
 * everywhere. (Durstenfeld, "Algorithm 235: Random permutation", CACM 7(7), 1964; Knuth, TAOCP vol.
 * 2, §3.4.2, Algorithm P.)
 */
public final class CandidateGenerator {

  private CandidateGenerator() {}

  /**
   * Returns {@code n} distinct valid parameter sets of {@code template}, drawn as described above.
   *
   * @throws IllegalArgumentException if {@code n} is negative or larger than the grid
   */
  public static List<Parameters> sample(StrategyTemplate template, int n, long seed) {
    Objects.requireNonNull(template, "template");
    if (n < 0) {
      throw new IllegalArgumentException("candidate count must be >= 0 but was " + n);
    }
    List<Parameters> grid = new ArrayList<>(template.space().grid());
    if (n > grid.size()) {
      throw new IllegalArgumentException(
          "requested "
              + n
              + " candidates but template '"
              + template.id()
              + "' has only "
              + grid.size()
              + " valid parameter sets");
    }
    Random random = new Random(seed);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(grid.size() - i);
      Parameters swap = grid.get(i);
      grid.set(i, grid.get(j));
      grid.set(j, swap);
    }
    return List.copyOf(grid.subList(0, n));
  }
}
