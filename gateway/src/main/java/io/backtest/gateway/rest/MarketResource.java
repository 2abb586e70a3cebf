package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.RegimeClient;
import io.backtest.gateway.client.StrategyClient;
import io.backtest.gateway.ratelimit.HeavyJob;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The market feed: the rolling windows regime detection works on (regime-service) and replays of
 * datasets onto {@code market.bars} (strategy-service).
 */
@Path("/api/v1/market")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "market")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class MarketResource {
  private final Forwarder forwarder;
  private final RegimeClient regime;
  private final StrategyClient strategy;

  public MarketResource(
      Forwarder forwarder, @RestClient RegimeClient regime, @RestClient StrategyClient strategy) {
    this.forwarder = forwarder;
    this.regime = regime;
    this.strategy = strategy;
  }

  @GET
  @Path("/windows")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List market windows",
      description =
          "Per symbol and timeframe: bar count, range, last close and realised"
              + " volatility; by symbol, then timeframe, unless sorted. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of windows",
      content = @Content(examples = @ExampleObject(name = "aapl", value = ApiExamples.WINDOWS)))
  public Uni<Response> listWindows(
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(
              description =
                  "symbol, timeframe, bars, from or to (windows without bars last either way)."
                      + " Default symbol,timeframe"
                      + PageQuery.SORT,
              example = "-to")
          String sort) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.REGIME,
        () -> regime.listWindows(page.page(), page.size(), RequestParameters.optionalText(sort)));
  }

  @HeavyJob
  @POST
  @Path("/replay")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Replay a dataset onto the market feed",
      description =
          "Publishes the dataset's bars to market.bars in time order, at barsPerSecond or as fast"
              + " as the broker takes them, from a given time on: what an exchange adapter does"
              + " live. Regime detection and the paper trading of live strategies on that symbol"
              + " follow. One replay per symbol and timeframe at a time. Role: operator.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = ReplayRequest.class),
              examples = @ExampleObject(name = "paced", value = ApiExamples.REPLAY_REQUEST)))
  @APIResponse(
      responseCode = "202",
      description = "The replay started; its progress is at the Location",
      content = @Content(examples = @ExampleObject(name = "running", value = ApiExamples.REPLAY)))
  @APIResponse(
      responseCode = "400",
      description = "The body is missing or malformed, or a field is out of range",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "A replay of the same symbol and timeframe is running",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "running", value = ApiExamples.REPLAY_RUNNING)))
  public Uni<Response> startReplay(
      @Valid @NotNull(message = "a JSON body is required") ReplayRequest body) {
    return forwarder.forward(Downstream.STRATEGY, () -> strategy.startReplay(body));
  }

  @GET
  @Path("/replay")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List replays",
      description =
          "Newest first unless sorted, optionally only those in one status. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of replays",
      content = @Content(examples = @ExampleObject(name = "done", value = ApiExamples.REPLAYS)))
  public Uni<Response> listReplays(
      @QueryParam("status")
          @Parameter(
              description = "Only replays in this status",
              schema = @Schema(enumeration = {"RUNNING", "COMPLETED", "STOPPED", "FAILED"}))
          String status,
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(
              description =
                  "startedAt, finishedAt (running replays last either way) or status. Default"
                      + " -startedAt"
                      + PageQuery.SORT,
              example = "-finishedAt")
          String sort) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.STRATEGY,
        () ->
            strategy.listReplays(
                status, page.page(), page.size(), RequestParameters.optionalText(sort)));
  }

  @GET
  @Path("/replay/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read a replay's progress",
      description = "Bars published of the total, the last bar's time, its status. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The replay",
      content = @Content(examples = @ExampleObject(name = "running", value = ApiExamples.REPLAY)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such replay",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findReplay(
      @PathParam("id")
          @Parameter(
              description = "The replay",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id) {
    UUID replayId = RequestParameters.uuid("id", id);
    return forwarder.forward(Downstream.STRATEGY, () -> strategy.getReplay(replayId));
  }

  @POST
  @Path("/replay/{id}/stop")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Stop a replay",
      description =
          "Stops publishing after the bar in flight; a finished replay is answered as it ended."
              + " Role: operator.")
  @APIResponse(
      responseCode = "200",
      description = "The replay after the stop",
      content = @Content(examples = @ExampleObject(name = "stopped", value = ApiExamples.REPLAY)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such replay",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> stopReplay(
      @PathParam("id")
          @Parameter(
              description = "The replay",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id) {
    UUID replayId = RequestParameters.uuid("id", id);
    return forwarder.forward(Downstream.STRATEGY, () -> strategy.stopReplay(replayId));
  }
}
