package io.backtest.strategy.rest;

import java.util.List;

/**
 * A strategy template candidates are generated from.
 *
 * @param id template id
 * @param description what the strategy does
 * @param parameters the integer parameters and their grids
 * @param constraints rules every parameter set satisfies, e.g. {@code fast < slow}
 * @param combinations number of valid parameter sets: the most candidates one cycle can have
 */
public record TemplateView(
    String id,
    String description,
    List<Parameter> parameters,
    List<String> constraints,
    int combinations) {

  /** An integer parameter: values {@code min, min + step, ...} up to {@code max}. */
  public record Parameter(String name, int min, int max, int step) {}

  /** The template list. */
  public record Listing(List<TemplateView> items) {}
}
