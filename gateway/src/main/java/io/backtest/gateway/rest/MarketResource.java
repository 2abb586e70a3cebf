package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.RegimeClient;
import io.backtest.gateway.service.Forwarder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
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

/** The rolling market windows regime detection works on (regime-service). */
@Path("/api/v1/market")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "market")
@SecurityRequirement(name = GatewayApplication.BEARER)
@APIResponse(
    responseCode = "401",
    description = "No bearer token, or an invalid or expired one",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = ApiExamples.UNAUTHORIZED)))
@APIResponse(
    responseCode = "403",
    description = "The token lacks the role the operation needs",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
@APIResponse(
    responseCode = "503",
    description = "The service behind the operation is down, too slow, or its breaker is open",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unavailable", value = ApiExamples.UNAVAILABLE)))
public class MarketResource {
  private final Forwarder forwarder;
  private final RegimeClient regime;

  public MarketResource(Forwarder forwarder, @RestClient RegimeClient regime) {
    this.forwarder = forwarder;
    this.regime = regime;
  }

  @GET
  @Path("/windows")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List market windows",
      description =
          "Per symbol and timeframe: bar count, range, last close and realised"
              + " volatility. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of windows",
      content = @Content(examples = @ExampleObject(name = "aapl", value = ApiExamples.WINDOWS)))
  @APIResponse(
      responseCode = "400",
      description = "page below 0 or size outside 1..100",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "size", value = ApiExamples.BAD_PAGE)))
  public Uni<Response> listWindows(@BeanParam @Valid PageParams paging) {
    return forwarder.forward(Downstream.REGIME, () -> regime.listWindows(paging.page, paging.size));
  }
}
