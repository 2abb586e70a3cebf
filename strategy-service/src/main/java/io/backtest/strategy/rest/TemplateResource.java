package io.backtest.strategy.rest;

import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.strategy.mapping.BacktestViewMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The strategy templates candidates are generated from. */
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Templates", description = "Strategy families and their parameter grids")
public class TemplateResource {
  private final TemplateView.Listing listing;

  public TemplateResource(StrategyTemplates templates) {
    // The templates are fixed for the service's life: map them once.
    this.listing =
        new TemplateView.Listing(
            templates.all().stream().map(BacktestViewMapper::template).toList());
  }

  @GET
  @Operation(
      summary = "List the strategy templates with their parameters and grid sizes",
      description =
          "Every template with its parameters (type int or decimal, min, max, step as exact"
              + " numbers, optional ones switch a feature such as a stop on when given), the"
              + " constraints between them and gridSize, the number of valid parameter sets of"
              + " the required parameters.")
  @APIResponse(responseCode = "200", description = "Every template")
  public TemplateView.Listing list() {
    return listing;
  }
}
