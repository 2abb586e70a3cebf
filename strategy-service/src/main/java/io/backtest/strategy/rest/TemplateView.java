package io.backtest.strategy.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A strategy template candidates are generated from.
 *
 * @param id template id
 * @param description what the strategy does
 * @param parameters the parameters and their grids, optional ones (e.g. stops) included
 * @param constraints rules every parameter set satisfies, e.g. {@code fast < slow}
 * @param gridSize number of valid parameter sets of the required parameters: the most candidates
 *     one cycle can draw from the template
 */
public record TemplateView(
    String id,
    String description,
    List<Parameter> parameters,
    List<String> constraints,
    int gridSize) {

  /**
   * A parameter: values {@code min, min + step, ...} up to {@code max}, as exact JSON numbers.
   *
   * @param type {@code int} (whole numbers) or {@code decimal}
   * @param min the smallest value
   * @param max the largest admissible value (on the grid)
   * @param step distance between consecutive values
   * @param optional whether the parameter may be left out, switching its feature off; optional
   *     parameters are not part of the grid candidates are drawn from
   */
  public record Parameter(
      String name,
      @Schema(enumeration = {"int", "decimal"}) String type,
      Number min,
      Number max,
      Number step,
      boolean optional) {}

  /** The template list, in the engine's registration order. */
  public record Listing(List<TemplateView> items) {}
}
