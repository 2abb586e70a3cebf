package io.backtest.engine.strategy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Registry of strategy templates by id.
 *
 * <p>A new template is one class extending {@link AbstractStrategyTemplate} plus one entry in
 * {@link #BUILT_IN}; an explicit list (rather than classpath scanning) keeps the order, and with it
 * every listing, deterministic.
 */
public final class StrategyTemplates {

  private static final StrategyTemplates BUILT_IN =
      new StrategyTemplates(
          List.of(
              new BuyAndHoldTemplate(),
              new SmaCrossoverTemplate(),
              new EmaCrossoverTemplate(),
              new RsiReversionTemplate(),
              new BollingerReversionTemplate(),
              new BollingerBreakoutTemplate(),
              new MacdTemplate(),
              new DonchianBreakoutTemplate(),
              new MomentumTemplate()));

  private final Map<String, StrategyTemplate> byId;

  /**
   * A registry of {@code templates}, listed in the given order.
   *
   * @throws IllegalArgumentException if two templates share an id
   */
  public StrategyTemplates(Collection<? extends StrategyTemplate> templates) {
    Map<String, StrategyTemplate> map = new LinkedHashMap<>();
    for (StrategyTemplate template : templates) {
      Objects.requireNonNull(template, "template");
      if (map.putIfAbsent(template.id(), template) != null) {
        throw new IllegalArgumentException(
            "duplicate strategy template id '" + template.id() + "'");
      }
    }
    this.byId = map;
  }

  /** The templates shipped with the engine. */
  public static StrategyTemplates builtIn() {
    return BUILT_IN;
  }

  /** The template with {@code id}, if registered. */
  public Optional<StrategyTemplate> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The template with {@code id}.
   *
   * @throws IllegalArgumentException naming the unknown id and the known ones
   */
  public StrategyTemplate get(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown strategy template '" + id + "'; known: " + ids()));
  }

  /** Every template, in registration order. */
  public List<StrategyTemplate> all() {
    return List.copyOf(byId.values());
  }

  /** Every template id, in registration order. */
  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }
}
