package io.backtest.gateway.rest;

import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.RegimeClient;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The rolling market windows regime detection works on (regime-service). */
@Path("/api/v1/market")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "market")
@SecurityRequirement(name = GatewayApplication.BEARER)
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
  public Uni<Response> listWindows(@BeanParam PageQuery paging) {
    PageRequest page = paging.request();
    return forwarder.forward(Downstream.REGIME, () -> regime.listWindows(page.page(), page.size()));
  }
}
