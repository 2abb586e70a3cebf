package io.backtest.engine.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The valid parameter sets of a strategy template: integer ranges plus constraints between them.
 *
 * <p>{@link #grid()} enumerates every valid combination in a stable order that is part of the
 * contract, because {@link CandidateGenerator} draws from it and a stored seed must reproduce the
 * same candidates: odometer order over the ranges as declared, the first range varying slowest and
 * each range ascending.
 */
public final class ParameterSpace {

  /**
   * Upper bound on the raw product of range sizes that {@link #grid()} enumerates; larger spaces
   * need a sampler that does not materialise the grid.
   */
  public static final long MAX_GRID_COMBINATIONS = 1_000_000;

  private final List<IntRange> ranges;
  private final List<ParameterConstraint> constraints;
  // Computed once on first use; benign race: every thread computes the same immutable list.
  private volatile List<Parameters> grid;

  private ParameterSpace(List<IntRange> ranges, List<ParameterConstraint> constraints) {
    this.ranges = List.copyOf(ranges);
    this.constraints = List.copyOf(constraints);
  }

  /** Starts an empty space. */
  public static Builder builder() {
    return new Builder();
  }

  /** The ranges in declaration order. */
  public List<IntRange> ranges() {
    return ranges;
  }

  /** The constraints in declaration order. */
  public List<ParameterConstraint> constraints() {
    return constraints;
  }

  /** The parameter names in declaration order. */
  public List<String> names() {
    return ranges.stream().map(IntRange::name).toList();
  }

  /**
   * Every valid parameter set, in the documented stable order.
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
   * Every reason {@code parameters} is not a valid point of this space; empty when it is valid.
   * Constraints are only checked once every value is in range.
   */
  public List<String> violations(Parameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    List<String> problems = new ArrayList<>();
    for (IntRange range : ranges) {
      if (!parameters.has(range.name())) {
        problems.add("missing parameter '" + range.name() + "'");
        continue;
      }
      int value = parameters.get(range.name());
      if (value < range.min() || value > range.max()) {
        problems.add(
            range.name() + "=" + value + " is outside " + range.min() + ".." + range.max());
      } else if (!range.contains(value)) {
        problems.add(range.name() + "=" + value + " is not on the grid " + range.describe());
      }
    }
    List<String> names = names();
    for (String name : parameters.values().keySet()) {
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
    long combinations = 1;
    for (IntRange range : ranges) {
      combinations *= range.count();
      if (combinations > MAX_GRID_COMBINATIONS) {
        throw new IllegalStateException(
            "parameter space "
                + ranges
                + " spans more than "
                + MAX_GRID_COMBINATIONS
                + " combinations; too many to enumerate");
      }
    }
    if (ranges.isEmpty()) {
      return List.of();
    }
    List<Parameters> valid = new ArrayList<>();
    int[] position = new int[ranges.size()];
    for (long n = 0; n < combinations; n++) {
      Map<String, Integer> values = new LinkedHashMap<>();
      for (int r = 0; r < ranges.size(); r++) {
        values.put(ranges.get(r).name(), ranges.get(r).valueAt(position[r]));
      }
      Parameters candidate = new Parameters(values);
      if (constraints.stream().allMatch(c -> c.test(candidate))) {
        valid.add(candidate);
      }
      // Odometer step: the last range turns fastest.
      for (int r = ranges.size() - 1; r >= 0; r--) {
        if (++position[r] < ranges.get(r).count()) {
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
        + ranges.stream().map(r -> r.name() + " " + r.describe()).toList()
        + constraints.stream().map(ParameterConstraint::description).toList();
  }

  /** Collects ranges and constraints for a {@link ParameterSpace}. */
  public static final class Builder {

    private final List<IntRange> ranges = new ArrayList<>();
    private final List<ParameterConstraint> constraints = new ArrayList<>();

    private Builder() {}

    /** Adds an integer parameter; names must be unique. */
    public Builder range(String name, int min, int max, int step) {
      IntRange range = new IntRange(name, min, max, step);
      if (ranges.stream().anyMatch(r -> r.name().equals(name))) {
        throw new IllegalArgumentException("parameter '" + name + "' is declared twice");
      }
      ranges.add(range);
      return this;
    }

    /** Adds a constraint, described for humans as e.g. {@code "fast < slow"}. */
    public Builder constraint(String description, Predicate<Parameters> predicate) {
      constraints.add(new ParameterConstraint(description, predicate));
      return this;
    }

    public ParameterSpace build() {
      return new ParameterSpace(ranges, constraints);
    }
  }
}
