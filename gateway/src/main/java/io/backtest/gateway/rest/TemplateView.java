package io.backtest.gateway.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A strategy template as strategy-service lists it (forwarded as is; this record documents the
 * shape).
 *
 * @param id template id
 * @param description what the strategy does
 * @param parameters the parameters and their grids, optional ones (stops) included
 * @param constraints rules every parameter set satisfies, e.g. {@code fast < slow}
 * @param gridSize number of valid parameter sets of the required parameters
 */
public record TemplateView(
    String id,
    String description,
    List<Parameter> parameters,
    List<String> constraints,
    int gridSize) {

  /**
   * A parameter: values {@code min, min + step, ...} up to {@code max}, exact JSON numbers.
   *
   * @param type {@code int} or {@code decimal}
   * @param max the largest admissible value
   * @param optional whether it may be left out, switching its feature (a stop) off
   */
  public record Parameter(
      String name,
      @Schema(enumeration = {"int", "decimal"}) String type,
      @Schema(type = SchemaType.NUMBER) Number min,
      @Schema(type = SchemaType.NUMBER) Number max,
      @Schema(type = SchemaType.NUMBER) Number step,
      boolean optional) {}

  /** Every template, in the engine's registration order. */
  public record Listing(List<TemplateView> items) {}
}
