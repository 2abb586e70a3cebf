package io.backtest.engine.strategy;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A rule every valid parameter set must satisfy, with the human description used in messages (e.g.
 * {@code "fast < slow"}).
 *
 * <p>The predicate is only evaluated on parameter sets whose every value is within its range, so it
 * may read any parameter of the space.
 */
public record ParameterConstraint(String description, Predicate<Parameters> predicate) {

  public ParameterConstraint {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(predicate, "predicate");
  }

  /** Whether {@code parameters} satisfies this constraint. */
  public boolean test(Parameters parameters) {
    return predicate.test(parameters);
  }
}
