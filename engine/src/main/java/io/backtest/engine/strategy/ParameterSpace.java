package io.backtest.engine.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The valid parameter sets of a strategy template: typed ranges plus constraints between them.
 *
 * <p>{@link #grid()} enumerates every valid combination of the <em>required</em> ranges in a stable
 * order that is part of the contract, because {@link CandidateGenerator} draws from it and a stored
 * seed must reproduce the same candidates: odometer order over the required ranges as declared, the
 * first range varying slowest and each range ascending. Optional ranges (stops, say) are off in the
 * grid; a parameter set may switch them on, and {@link #violations} checks them when present.
 */
public final class ParameterSpace {

  /**
   * Upper bound on the raw product of range sizes that {@link #grid()} enumerates; larger spaces
   * need a sampler that does not materialise the grid.
   */
  public static final long MAX_GRID_COMBINATIONS = 1_000_000;

  private final List<ParameterRange> ranges;
  private final List<ParameterConstraint> constraints;
  // Computed once on first use; benign race: every thread computes the same immutable list.
  private volatile List<Parameters> grid;

  private ParameterSpace(List<ParameterRange> ranges, List<ParameterConstraint> constraints) {
    this.ranges = List.copyOf(ranges);
    this.constraints = List.copyOf(constraints);
  }

  /** Starts an empty space. */
  public static Builder builder() {
    return new Builder();
  }

  /** The ranges in declaration order, optional ones included. */
  public List<ParameterRange> ranges() {
    return ranges;
  }

  /** The constraints in declaration order. */
  public List<ParameterConstraint> constraints() {
    return constraints;
  }

  /** The parameter names in declaration order, optional ones included. */
  public List<String> names() {
    return ranges.stream().map(ParameterRange::name).toList();
  }

  /** The names of the required ranges, the dimensions of {@link #grid()}, in declaration order. */
  public List<String> gridNames() {
    return ranges.stream().filter(r -> !r.optional()).map(ParameterRange::name).toList();
  }

  /** The steps of the required ranges as doubles, in {@link #gridNames()} order. */
  public double[] gridSteps() {
    return ranges.stream()
        .filter(r -> !r.optional())
        .mapToDouble(r -> r.step().doubleValue())
        .toArray();
  }

  /** The range named {@code name}, or null. */
  public ParameterRange range(String name) {
    for (ParameterRange range : ranges) {
      if (range.name().equals(name)) {
        return range;
      }
    }
    return null;
  }

  /**
   * Every valid parameter set of the required ranges, in the documented stable order. A space
   * without required ranges has exactly one point, the empty set.
   *
   * @throws IllegalStateException if the ranges span more than {@link #MAX_GRID_COMBINATIONS}
   */
  public List<Parameters> grid() {
    List<Parameters> result = grid;
    if (result == null) {
      result = enumerate();
      grid = result;
    }
    return result;
  }

  /** Number of valid parameter sets, i.e. {@code grid().size()}. */
  public int gridSize() {
    return grid().size();
  }

  /**
   * {@code values} as a parameter set of this space: in declaration order, each value converted to
   * its range's type ({@link Integer} for INT, {@link Double} for DECIMAL); names this space does
   * not declare are kept at the end, so {@link #violations} can report them. Not validated.
   *
   * @throws IllegalArgumentException if a value of an INT range is not integral or a value is not
   *     finite
   */
  public Parameters typed(Map<String, ? extends Number> values) {
    Objects.requireNonNull(values, "values");
    Map<String, Number> ordered = new LinkedHashMap<>();
    for (ParameterRange range : ranges) {
      Number value = values.get(range.name());
      if (value != null) {
        ordered.put(range.name(), range.typed(value));
      }
    }
    values.forEach(ordered::putIfAbsent);
    return Parameters.of(ordered);
  }

  /**
   * Every reason {@code parameters} is not a valid point of this space; empty when it is valid.
   * Messages name the parameter: {@code missing parameter 'slow'}, {@code slow=55 is not on the
   * grid 10..200 step 10}, {@code unknown parameter 'x' (expected [fast, slow])}, {@code constraint
   * 'fast < slow' violated by fast=40, slow=40}. Constraints are only checked once every value is
   * in range.
   */
  public List<String> violations(Parameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    List<String> problems = new ArrayList<>();
    Map<String, Number> values = parameters.asMap();
    for (ParameterRange range : ranges) {
      Number value = values.get(range.name());
      if (value == null) {
        if (!range.optional()) {
          problems.add("missing parameter '" + range.name() + "'");
        }
        continue;
      }
      String problem = range.problemWith(value);
      if (problem != null) {
        problems.add(problem);
      }
    }
    List<String> names = names();
    for (String name : values.keySet()) {
      if (!names.contains(name)) {
        problems.add("unknown parameter '" + name + "' (expected " + names + ")");
      }
    }
    if (problems.isEmpty()) {
      for (ParameterConstraint constraint : constraints) {
        if (!constraint.test(parameters)) {
          problems.add("constraint '" + constraint.description() + "' violated by " + parameters);
        }
      }
    }
    return problems;
  }

  /** Whether {@code parameters} is a valid point of this space. */
  public boolean isValid(Parameters parameters) {
    return violations(parameters).isEmpty();
  }

  /**
   * Checks {@code parameters} against this space.
   *
   * @throws IllegalArgumentException listing every violation, separated by {@code "; "}
   */
  public void validate(Parameters parameters) {
    List<String> problems = violations(parameters);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private List<Parameters> enumerate() {
    List<ParameterRange> required = ranges.stream().filter(r -> !r.optional()).toList();
    long combinations = 1;
    for (ParameterRange range : required) {
      combinations *= range.count();
      if (combinations > MAX_GRID_COMBINATIONS) {
        throw new IllegalStateException(
            "parameter space "
                + required
                + " spans more than "
                + MAX_GRID_COMBINATIONS
                + " combinations; too many to enumerate");
      }
    }
    List<Parameters> valid = new ArrayList<>();
    int[] position = new int[required.size()];
    for (long n = 0; n < combinations; n++) {
      Map<String, Number> values = new LinkedHashMap<>();
      for (int r = 0; r < required.size(); r++) {
        values.put(required.get(r).name(), required.get(r).valueAt(position[r]));
      }
      Parameters candidate = Parameters.of(values);
      if (constraints.stream().allMatch(c -> c.test(candidate))) {
        valid.add(candidate);
      }
      // Odometer step: the last range turns fastest.
      for (int r = required.size() - 1; r >= 0; r--) {
        if (++position[r] < required.get(r).count()) {
          break;
        }
        position[r] = 0;
      }
    }
    return List.copyOf(valid);
  }

  @Override
  public String toString() {
    return "ParameterSpace"
        + ranges.stream()
            .map(r -> r.name() + " " + r.describe() + (r.optional() ? " (optional)" : ""))
            .toList()
        + constraints.stream().map(ParameterConstraint::description).toList();
  }

  /** Collects ranges and constraints for a {@link ParameterSpace}. */
  public static final class Builder {

    private final List<ParameterRange> ranges = new ArrayList<>();
    private final List<ParameterConstraint> constraints = new ArrayList<>();

    private Builder() {}

    /** Adds a required integer parameter; names must be unique. */
    public Builder range(String name, int min, int max, int step) {
      return add(ParameterRange.ofInt(name, min, max, step));
    }

    /**
     * Adds a required decimal parameter, bounds and step as decimal text ({@code "1.5"}); names
     * must be unique.
     */
    public Builder decimalRange(String name, String min, String max, String step) {
      return add(ParameterRange.ofDecimal(name, min, max, step));
    }

    /** Adds an optional integer parameter: absent means its feature is off. */
    public Builder optionalRange(String name, int min, int max, int step) {
      return add(ParameterRange.ofInt(name, min, max, step).asOptional());
    }

    /** Adds an optional decimal parameter: absent means its feature is off. */
    public Builder optionalDecimalRange(String name, String min, String max, String step) {
      return add(ParameterRange.ofDecimal(name, min, max, step).asOptional());
    }

    /** Adds {@code range}; names must be unique. */
    public Builder add(ParameterRange range) {
      Objects.requireNonNull(range, "range");
      if (ranges.stream().anyMatch(r -> r.name().equals(range.name()))) {
        throw new IllegalArgumentException("parameter '" + range.name() + "' is declared twice");
      }
      ranges.add(range);
      return this;
    }

    /**
     * Adds a constraint, described for humans as e.g. {@code "fast < slow"}. The predicate sees
     * only in-range values, but optional parameters may be absent ({@link Parameters#has}).
     */
    public Builder constraint(String description, Predicate<Parameters> predicate) {
      constraints.add(new ParameterConstraint(description, predicate));
      return this;
    }

    public ParameterSpace build() {
      return new ParameterSpace(ranges, constraints);
    }
  }
}
