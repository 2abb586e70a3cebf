package io.backtest.engine.strategy;

import java.util.Objects;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

/** Base for strategy templates: holds id, description and space, and validates before building. */
public abstract class AbstractStrategyTemplate implements StrategyTemplate {

  private final String id;
  private final String description;
  private final ParameterSpace space;

  protected AbstractStrategyTemplate(String id, String description, ParameterSpace space) {
    this.id = Objects.requireNonNull(id, "id");
    this.description = Objects.requireNonNull(description, "description");
    this.space = Objects.requireNonNull(space, "space");
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final ParameterSpace space() {
    return space;
  }

  @Override
  public final Strategy build(BarSeries series, Parameters params) {
    Objects.requireNonNull(series, "series");
    validate(params);
    return create(series, params);
  }

  /** Builds the strategy; {@code params} has already passed {@link #validate}. */
  protected abstract Strategy create(BarSeries series, Parameters params);

  /** Strategy name used in logs and trading records: {@code id(fast=10, slow=50)}. */
  protected String strategyName(Parameters params) {
    return id + "(" + params + ")";
  }

  @Override
  public String toString() {
    return id;
  }
}
