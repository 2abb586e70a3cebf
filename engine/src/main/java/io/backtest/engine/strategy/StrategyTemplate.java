package io.backtest.engine.strategy;

import io.backtest.engine.indicator.IndicatorSet;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

/**
 * A family of strategies identified by {@link #id()} and instantiated from a point of its {@link
 * #space()}, in two implementations that must agree bar for bar:
 *
 * <ul>
 *   <li>{@link #build}: a ta4j {@link Strategy} of ta4j indicators and rules, the reference;
 *   <li>{@link #signals}: the same decisions as arrays computed from shared indicator series, for
 *       the array backtest engine.
 * </ul>
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every backtest. Extend
 * {@link AbstractStrategyTemplate}, which validates parameters and adds the optional stops to both.
 */
public interface StrategyTemplate {

  /** Stable identifier stored with every candidate, e.g. {@code sma-crossover}. */
  String id();

  /** One sentence for humans: what the strategy does. */
  String description();

  /** The valid parameter sets. */
  ParameterSpace space();

  /**
   * Builds the reference ta4j strategy for {@code params} on {@code series}, unstable bars set.
   *
   * @throws IllegalArgumentException if {@code params} is not a valid point of {@link #space()}
   */
  Strategy build(BarSeries series, Parameters params);

  /**
   * The strategy's entry/exit decisions over the whole series of {@code indicators}, equal to what
   * {@link #build}'s rules answer at every index.
   *
   * @throws IllegalArgumentException if {@code params} is not a valid point of {@link #space()}
   */
  Signals signals(IndicatorSet indicators, Parameters params);

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
