package io.backtest.gateway.rest;

import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.MonitoringClient;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The live strategies under watch (monitoring-service). */
@Path("/api/v1/monitoring")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitoring")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class MonitoringResource {
  private final Forwarder forwarder;
  private final MonitoringClient monitoring;

  public MonitoringResource(Forwarder forwarder, @RestClient MonitoringClient monitoring) {
    this.forwarder = forwarder;
    this.monitoring = monitoring;
  }

  @GET
  @Path("/strategies")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List monitored strategies",
      description =
          "Each with its backtest baseline; optionally only WATCHING or STOPPED ones."
              + " Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of monitored strategies",
      content =
          @Content(examples = @ExampleObject(name = "watching", value = ApiExamples.MONITORED)))
  public Uni<Response> listStrategies(
      @QueryParam("status")
          @Parameter(
              description = "Only strategies in this status",
              schema = @Schema(enumeration = {"WATCHING", "STOPPED"}))
          String status,
      @BeanParam PageQuery paging) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.MONITORING, () -> monitoring.listStrategies(status, page.page(), page.size()));
  }
}
