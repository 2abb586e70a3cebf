package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.MonitoringClient;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
          "Each with its backtest baseline; optionally only WATCHING or STOPPED ones; newest"
              + " promotion first unless sorted. Role: viewer.")
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
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(
              description =
                  "since, status, score or stoppedAt (strategies without one last either way)."
                      + " Default -since"
                      + PageQuery.SORT,
              example = "-score")
          String sort) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.MONITORING,
        () ->
            monitoring.listStrategies(
                status, page.page(), page.size(), RequestParameters.optionalText(sort)));
  }

  @GET
  @Path("/strategies/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read a live strategy's paper trading",
      description =
          "Its baseline (what the backtest promised), its live statistics (equity, return,"
              + " drawdown, trades, Sharpe ratio), its drift detectors' statistics and the last"
              + " points of its live equity series. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The strategy under watch",
      content =
          @Content(
              examples = @ExampleObject(name = "drifted", value = ApiExamples.MONITORED_STRATEGY)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID, or points is outside 1..5000",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "The strategy was never promoted",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findStrategy(
      @PathParam("id")
          @Parameter(
              description = "The strategy",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id,
      @QueryParam("points")
          @Parameter(
              description = "How many of the latest equity points, 1 to 5000",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "5000",
                      defaultValue = "500"))
          String points) {
    UUID strategyId = RequestParameters.uuid("id", id);
    Integer last =
        points == null ? null : RequestParameters.integer("points", points, 500, 1, 5000);
    return forwarder.forward(Downstream.MONITORING, () -> monitoring.getStrategy(strategyId, last));
  }

  @GET
  @Path("/alerts")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List alerts",
      description =
          "Drift detections, regime changes touching live strategies and the like, newest first"
              + " unless sorted; filtered by strategy, symbol, severity, kind and time range, all"
              + " optional. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of alerts",
      content = @Content(examples = @ExampleObject(name = "drift", value = ApiExamples.ALERTS)))
  @APIResponse(
      responseCode = "400",
      description =
          "strategyId is not a UUID, from or to is not an ISO-8601 instant, page below 0, size"
              + " outside 1..100 or sort naming another field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = {
                @ExampleObject(name = "size", value = ApiExamples.BAD_PAGE),
                @ExampleObject(name = "sort", value = ApiExamples.BAD_SORT)
              }))
  public Uni<Response> listAlerts(
      @QueryParam("strategyId")
          @Parameter(
              description = "Only this strategy's alerts",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String strategyId,
      @QueryParam("symbol") @Parameter(description = "Only alerts about this symbol") String symbol,
      @QueryParam("severity")
          @Parameter(
              description = "Only alerts of this severity",
              schema = @Schema(enumeration = {"INFO", "WARNING", "CRITICAL"}))
          String severity,
      @QueryParam("kind") @Parameter(description = "Only alerts of this kind", example = "drift")
          String kind,
      @QueryParam("from")
          @Parameter(
              description = "Only alerts raised at or after this instant",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          String from,
      @QueryParam("to")
          @Parameter(
              description = "Only alerts raised before this instant",
              schema = @Schema(type = SchemaType.STRING, format = "date-time"))
          String to,
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(
              description =
                  "raisedAt or severity (INFO lowest, CRITICAL highest). Default -raisedAt"
                      + PageQuery.SORT,
              example = "-severity,-raisedAt")
          String sort) {
    UUID strategy = RequestParameters.optionalUuid("strategyId", strategyId);
    Instant since = RequestParameters.optionalInstant("from", from);
    Instant until = RequestParameters.optionalInstant("to", to);
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.MONITORING,
        () ->
            monitoring.listAlerts(
                strategy,
                RequestParameters.optionalText(symbol),
                RequestParameters.optionalText(severity),
                RequestParameters.optionalText(kind),
                since,
                until,
                page.page(),
                page.size(),
                RequestParameters.optionalText(sort)));
  }
}
