package io.backtest.engine.strategy;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

/**
 * A family of ta4j strategies identified by {@link #id()} and instantiated from a point of its
 * {@link #space()}.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every backtest. Extend
 * {@link AbstractStrategyTemplate}, which validates parameters before building.
 */
public interface StrategyTemplate {

  /** Stable identifier stored with every candidate, e.g. {@code sma-crossover}. */
  String id();

  /** One sentence for humans: what the strategy does. */
  String description();

  /** The valid parameter sets. */
  ParameterSpace space();

  /**
   * Builds the strategy for {@code params} on {@code series}.
   *
   * @throws IllegalArgumentException if {@code params} is not a valid point of {@link #space()}
   */
  Strategy build(BarSeries series, Parameters params);

  /**
   * Checks {@code params} against {@link #space()}.
   *
   * @throws IllegalArgumentException naming the template and every violation
   */
  default void validate(Parameters params) {
    var problems = space().violations(params);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid parameters for " + id() + ": " + String.join("; ", problems));
    }
  }
}
