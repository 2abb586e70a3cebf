package io.backtest.strategy.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.strategy.domain.ReplayStatus;
import io.backtest.strategy.repository.MarketReplayRepository;
import io.backtest.strategy.service.MarketReplayService;
import io.backtest.support.http.Correlation;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Market replay: a dataset's bars published to {@code market.bars} as a live feed would publish
 * them, for paper trading, regime detection and drift monitoring without an exchange. Internal: the
 * gateway decides who may call it.
 */
@Path("/api/v1/market/replay")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Market replay", description = "Publish a dataset's bars to market.bars, paced")
public class MarketReplayResource {
  private final MarketReplayService replays;

  public MarketReplayResource(MarketReplayService replays) {
    this.replays = replays;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start a replay",
      description =
          "Publishes the dataset's bars (those opening at or after from, when given) in time order"
              + " to market.bars as CloudEvents (subject and key: the dataset's symbol;"
              + " correlationid: the request's), paced to barsPerSecond (absent: as fast as the"
              + " broker acknowledges). One replay per symbol and timeframe runs at a time. Follow"
              + " it at the Location.")
  @APIResponse(
      responseCode = "202",
      description = "Started",
      headers = @Header(name = "Location", description = "The replay's resource"))
  @APIResponse(
      responseCode = "400",
      description = "Missing datasetId, barsPerSecond not in (0, 100000], from not an instant",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "A replay of the same symbol and timeframe is running, or this instance runs as many"
              + " replays as it may",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description = "No bar of the dataset opens at or after from",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<RestResponse<ReplayView>> start(ReplayRequest request) {
    return replays
        .start(request, Correlation.current())
        .map(
            view ->
                RestResponse.ResponseBuilder.create(Response.Status.ACCEPTED, view)
                    .location(URI.create("/api/v1/market/replay/" + view.replayId()))
                    .build());
  }

  @GET
  @Operation(summary = "List replays, newest first unless sorted")
  @APIResponse(responseCode = "200", description = "A page of replays")
  @APIResponse(
      responseCode = "400",
      description = "Invalid status, page, size or sort",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<ReplayView>> list(
      @QueryParam("status") String status,
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @Parameter(
              description =
                  "startedAt, finishedAt (running replays last) or status; a leading - sorts"
                      + " descending, several comma-separated; default -startedAt")
          @QueryParam("sort")
          String sort) {
    ReplayStatus filter = RequestParameters.optionalEnum("status", status, ReplayStatus.class);
    return replays.page(
        filter, PageRequest.of(page, size), MarketReplayRepository.SORT.parse(sort));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One replay and its progress")
  @APIResponse(responseCode = "200", description = "The replay")
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such replay",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<ReplayView> get(@PathParam("id") String id) {
    return replays.find(RequestParameters.uuid("id", id));
  }

  @POST
  @Path("/{id}/stop")
  @Operation(
      summary = "Stop a replay",
      description =
          "Stops a running replay (the bars published so far stay published) and answers its"
              + " state; a replay that has ended is answered unchanged.")
  @APIResponse(responseCode = "200", description = "The replay, stopped or as it ended")
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such replay",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<ReplayView> stop(@PathParam("id") String id) {
    return replays.stop(RequestParameters.uuid("id", id));
  }
}
