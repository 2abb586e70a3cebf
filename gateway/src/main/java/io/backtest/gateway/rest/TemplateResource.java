package io.backtest.gateway.rest;

import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.StrategyClient;
import io.backtest.gateway.service.Forwarder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The strategy templates candidates are sampled from (strategy-service). */
@Path("/api/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasets")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class TemplateResource {
  private final Forwarder forwarder;
  private final StrategyClient strategy;

  public TemplateResource(Forwarder forwarder, @RestClient StrategyClient strategy) {
    this.forwarder = forwarder;
    this.strategy = strategy;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List strategy templates",
      description =
          "Every template with its parameters (type int or decimal; min, max and step as exact"
              + " numbers; optional ones, the stops, switch their feature on when given), the"
              + " constraints between them and gridSize, the number of valid parameter sets of"
              + " the required parameters. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "Every template",
      content =
          @Content(
              schema = @Schema(implementation = TemplateView.Listing.class),
              examples = @ExampleObject(name = "built-in", value = ApiExamples.TEMPLATES)))
  public Uni<Response> listTemplates() {
    return forwarder.forward(Downstream.STRATEGY, strategy::listTemplates);
  }
}
