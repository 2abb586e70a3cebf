package io.backtest.engine.evaluation;

import io.backtest.engine.strategy.Parameters;
import io.backtest.engine.strategy.StrategyTemplate;
import java.util.Objects;

/** One generated candidate: a template and a valid point of its parameter space. */
public record Candidate(StrategyTemplate template, Parameters parameters) {

  public Candidate {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(parameters, "parameters");
  }

  @Override
  public String toString() {
    return template.id() + "(" + parameters + ")";
  }
}
