package io.backtest.strategy.rest;

import io.backtest.engine.strategy.StrategyTemplates;
import io.backtest.strategy.mapping.ViewMapper;
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
  private final StrategyTemplates templates;

  public TemplateResource(StrategyTemplates templates) {
    this.templates = templates;
  }

  @GET
  @Operation(summary = "List the strategy templates with their parameters and grid sizes")
  @APIResponse(responseCode = "200", description = "Every template")
  public TemplateView.Listing list() {
    return new TemplateView.Listing(templates.all().stream().map(ViewMapper::template).toList());
  }
}
