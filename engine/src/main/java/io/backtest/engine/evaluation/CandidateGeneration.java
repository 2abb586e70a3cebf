package io.backtest.engine.evaluation;

import io.backtest.engine.strategy.CandidateGenerator;
import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Generates a cycle's candidates across one or more templates: distinct, reproducible from the
 * request alone.
 *
 * <p>Allocation: {@code n} candidates are split over the templates in request order as evenly as
 * possible (the first {@code n mod m} templates get one more), no template gets more than its grid
 * holds, and what a small template cannot take goes, in request order, to those with room.
 *
 * <p>Per template, {@link Method#RANDOM} draws with {@link CandidateGenerator#sample} and the seed
 * {@code seed ^ (i × 0x9E3779B97F4A7C15)} for the template at position {@code i} (so the first
 * template uses the request's seed itself, and a one-template cycle draws exactly what {@link
 * CandidateGenerator} draws); {@link Method#GRID} takes evenly spaced grid points, indices {@code
 * ⌊(j + ½) · G / k⌋} for {@code j = 0 … k − 1} of a grid of {@code G} points, and ignores the seed.
 * Candidates are listed template by template, each template's in drawing order.
 */
public final class CandidateGeneration {

  /** Upper bound on the candidates of one cycle. */
  public static final int MAX_CANDIDATES = 1_000;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** How each template's share is picked from its grid. */
  public enum Method {
    /** Seeded random draws without replacement. */
    RANDOM,
    /** Evenly spaced grid points. */
    GRID;

    /** {@code random} or {@code grid}, case-insensitive. */
    public static Method fromId(String id) {
      for (Method m : values()) {
        if (m.name().equalsIgnoreCase(id)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown generation '" + id + "'; known: random, grid");
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private CandidateGeneration() {}

  /**
   * The candidates of a cycle.
   *
   * @throws IllegalArgumentException if {@code n} is not in {@code 1..}{@value #MAX_CANDIDATES},
   *     the template list is empty or repeats a template, or the templates hold fewer than {@code
   *     n} distinct parameter sets together
   */
  public static List<Candidate> generate(
      List<StrategyTemplate> templates, int n, long seed, Method method) {
    Objects.requireNonNull(templates, "templates");
    Objects.requireNonNull(method, "method");
    if (n < 1 || n > MAX_CANDIDATES) {
      throw new IllegalArgumentException(
          "candidates must be in 1.." + MAX_CANDIDATES + " but was " + n);
    }
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("templates must not be empty");
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (StrategyTemplate t : templates) {
      if (!ids.add(Objects.requireNonNull(t, "template").id())) {
        throw new IllegalArgumentException("template '" + t.id() + "' is listed twice");
      }
    }
    int[] share = allocate(templates, n);
    List<Candidate> candidates = new ArrayList<>(n);
    for (int i = 0; i < templates.size(); i++) {
      StrategyTemplate template = templates.get(i);
      List<Parameters> picked =
          method == Method.RANDOM
              ? CandidateGenerator.sample(template, share[i], seed ^ (i * GOLDEN))
              : evenlySpaced(template.space().grid(), share[i]);
      for (Parameters p : picked) {
        candidates.add(new Candidate(template, p));
      }
    }
    return List.copyOf(candidates);
  }

  private static int[] allocate(List<StrategyTemplate> templates, int n) {
    int m = templates.size();
    int[] capacity = new int[m];
    long total = 0;
    for (int i = 0; i < m; i++) {
      capacity[i] = templates.get(i).space().gridSize();
      total += capacity[i];
    }
    if (total < n) {
      throw new IllegalArgumentException(
          "requested "
              + n
              + " candidates but templates "
              + templates.stream().map(StrategyTemplate::id).toList()
              + " hold only "
              + total
              + " distinct parameter sets");
    }
    int[] share = new int[m];
    int left = n;
    for (int i = 0; i < m; i++) {
      share[i] = Math.min(capacity[i], n / m + (i < n % m ? 1 : 0));
      left -= share[i];
    }
    for (int i = 0; left > 0; i = (i + 1) % m) {
      if (share[i] < capacity[i]) {
        share[i]++;
        left--;
      }
    }
    return share;
  }

  private static List<Parameters> evenlySpaced(List<Parameters> grid, int k) {
    List<Parameters> picked = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      picked.add(grid.get((int) ((2L * j + 1) * grid.size() / (2L * k))));
    }
    return picked;
  }
}
