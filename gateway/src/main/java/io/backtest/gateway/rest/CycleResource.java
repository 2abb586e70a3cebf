package io.backtest.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.contracts.http.Problem;
import io.backtest.gateway.cache.CachedRead;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.StrategyClient;
import io.backtest.gateway.config.GatewayConfig;
import io.backtest.gateway.ratelimit.HeavyJob;
import io.backtest.gateway.service.CycleProgress;
import io.backtest.gateway.service.CycleViewService;
import io.backtest.gateway.service.Forwarder;
import io.backtest.gateway.service.LeaderboardService;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Research cycles: start one, list them, follow one, read its leaderboard. */
@Path("/api/v1/cycles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cycles")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class CycleResource {
  private final Forwarder forwarder;
  private final StrategyClient strategy;
  private final CycleViewService cycles;
  private final LeaderboardService leaderboards;
  private final GatewayConfig config;

  /** The progress stream's method, which CycleEventsFilter guards. */
  static final String FOLLOW_CYCLE = "followCycle";

  public CycleResource(
      Forwarder forwarder,
      @RestClient StrategyClient strategy,
      CycleViewService cycles,
      LeaderboardService leaderboards,
      GatewayConfig config) {
    this.forwarder = forwarder;
    this.strategy = strategy;
    this.cycles = cycles;
    this.leaderboards = leaderboards;
    this.config = config;
  }

  @HeavyJob
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Start a research cycle",
      description =
          "strategy-service samples the candidates (seeded, so a cycle is reproducible), stores"
              + " them and requests their backtests; the cycle then runs on its own. The answer's"
              + " correlation id is the request's X-Correlation-Id (or a new one) and follows the"
              + " cycle through every event and audit entry. Role: operator.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = StartCycleRequest.class),
              examples = @ExampleObject(name = "aapl", value = ApiExamples.START_CYCLE)))
  @APIResponse(
      responseCode = "202",
      description = "Cycle started",
      headers =
          @Header(
              name = "Location",
              description = "The cycle: /api/v1/cycles/{id}",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              schema = @Schema(implementation = CycleAccepted.class),
              examples = @ExampleObject(name = "started", value = ApiExamples.CYCLE_ACCEPTED)))
  @APIResponse(
      responseCode = "400",
      description = "Missing or malformed JSON body",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description = "Unknown dataset or template, or a candidate count the template cannot give",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "too many", value = ApiExamples.UNPROCESSABLE)))
  public Uni<Response> startCycle(
      @NotNull(message = "a JSON body is required") StartCycleRequest body) {
    return forwarder.forward(Downstream.STRATEGY, () -> strategy.startCycle(body));
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List research cycles",
      description = "Newest first unless sorted. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of cycles",
      content = @Content(examples = @ExampleObject(name = "page", value = ApiExamples.CYCLES)))
  public Uni<Response> listCycles(
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(
              description =
                  "createdAt, status or completedAt (running cycles last either way). Default"
                      + " -createdAt"
                      + PageQuery.SORT,
              example = "status,-createdAt")
          String sort) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.STRATEGY,
        () -> strategy.listCycles(page.page(), page.size(), RequestParameters.optionalText(sort)));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Follow a research cycle",
      description =
          "strategy-service's cycle with scoring-service's progress as counts.scored (0 until"
              + " scoring knows the cycle). When scoring-service is unavailable the cycle is still"
              + " answered, with counts.scored null and a warning. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The cycle",
      content =
          @Content(
              schema = @Schema(implementation = CycleView.class),
              examples = {
                @ExampleObject(name = "completed", value = ApiExamples.CYCLE),
                @ExampleObject(name = "scoring unavailable", value = ApiExamples.CYCLE_SCORING_DOWN)
              }))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "id", value = ApiExamples.BAD_ID)))
  @APIResponse(
      responseCode = "404",
      description = "No such cycle",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown", value = ApiExamples.NOT_FOUND)))
  public Uni<ObjectNode> findCycle(
      @PathParam("id")
          @Parameter(
              description = "The cycle",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id) {
    return cycles.findCycle(RequestParameters.uuid("id", id));
  }

  @GET
  @Path("/{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Follow a research cycle's progress as Server-Sent Events",
      description =
          "One event (a JSON CycleProgress) with the cycle's status and counts at once, then one"
              + " each time they change (read every gateway.cycle-events.every, 1 s), until the"
              + " cycle has ended: the event that shows COMPLETED or FAILED is the last, then the"
              + " stream closes. A client that loses the connection reconnects and gets the"
              + " current state first. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The event stream",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(implementation = CycleProgress.class),
              examples = @ExampleObject(name = "progress", value = ApiExamples.CYCLE_EVENTS)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "id", value = ApiExamples.BAD_ID)))
  @APIResponse(
      responseCode = "404",
      description = "No such cycle",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "unknown", value = ApiExamples.NOT_FOUND)))
  public Multi<CycleProgress> followCycle(
      @PathParam("id")
          @Parameter(
              description = "The cycle",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id,
      @Context RoutingContext routing) {
    // CycleEventsFilter has read the cycle by this id (a bad id or an unknown one never gets here)
    CycleProgress first = routing.get(CycleEventsFilter.FIRST_PROGRESS);
    return cycles.follow(first, config.cycleEvents().every());
  }

  @GET
  @Path("/{id}/leaderboard")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read a cycle's leaderboard",
      description =
          "The cycle's scored strategies, best first, from scoring-service: a ranking, so it takes"
              + " no sort. status is SCORING"
              + " while results arrive, SCORED (or TIMED_OUT, when some never came) once the"
              + " ranking is final, and COMPLETED once the cycle's promotion decision is recorded:"
              + " only then are the promoted flags final (each says whether this cycle promoted"
              + " the strategy). Each line carries the statistics its score was computed from"
              + " (deflated and probabilistic Sharpe ratios, t-statistic, minimum backtest length,"
              + " ...), the page the cycle's trial count (N of the deflated Sharpe ratios), its"
              + " overfitting diagnostics (PBO, probability of out-of-sample loss, degradation)"
              + " and the score's weights, all as scoring-service answered them."
              + " A COMPLETED page never changes and is cached for an hour; other"
              + " pages are always read from scoring-service. X-Cache says whether the page came"
              + " from the cache. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of the ranking",
      headers = @Header(ref = GatewayApplication.X_CACHE_HEADER),
      content =
          @Content(examples = @ExampleObject(name = "completed", value = ApiExamples.LEADERBOARD)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID, or bad paging",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "scoring-service does not know the cycle",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findLeaderboard(
      @PathParam("id")
          @Parameter(
              description = "The cycle",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id,
      @BeanParam PageQuery paging) {
    UUID cycleId = RequestParameters.uuid("id", id);
    return leaderboards.findLeaderboard(cycleId, paging.request()).map(CachedRead::toResponse);
  }
}
