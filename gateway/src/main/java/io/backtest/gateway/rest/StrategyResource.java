package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.cache.ReadCache;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.ScoringClient;
import io.backtest.gateway.client.StrategyClient;
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
 * Strategies: candidates and the live set, manual promotions and demotions (strategy-service),
 * scorecards (scoring-service).
 */
@Path("/api/v1/strategies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "strategies")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class StrategyResource {
  private final Forwarder forwarder;
  private final StrategyClient strategy;
  private final ScoringClient scoring;
  private final ReadCache cache;

  public StrategyResource(
      Forwarder forwarder,
      @RestClient StrategyClient strategy,
      @RestClient ScoringClient scoring,
      ReadCache cache) {
    this.forwarder = forwarder;
    this.strategy = strategy;
    this.scoring = scoring;
    this.cache = cache;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List strategies",
      description =
          "Filtered by status (CANDIDATE, LIVE, RETIRED) and cycle, both optional; newest cycle"
              + " first, then by rank, unless sorted. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of strategies",
      content = @Content(examples = @ExampleObject(name = "live", value = ApiExamples.STRATEGIES)))
  @APIResponse(
      responseCode = "400",
      description =
          "cycleId is not a UUID, page below 0, size outside 1..100 or sort naming another field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = {
                @ExampleObject(name = "size", value = ApiExamples.BAD_PAGE),
                @ExampleObject(name = "sort", value = ApiExamples.BAD_SORT)
              }))
  public Uni<Response> listStrategies(
      @QueryParam("status")
          @Parameter(
              description = "Only strategies in this status",
              schema = @Schema(enumeration = {"CANDIDATE", "LIVE", "RETIRED"}))
          String status,
      @QueryParam("cycleId")
          @Parameter(
              description = "Only this cycle's strategies",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String cycleId,
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(
              description =
                  "createdAt, score, rank, status or promotedAt (strategies without a score, rank"
                      + " or promotion last either way). Default -createdAt,rank"
                      + PageQuery.SORT,
              example = "-score")
          String sort) {
    UUID cycle = RequestParameters.optionalUuid("cycleId", cycleId);
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.STRATEGY,
        () ->
            strategy.listStrategies(
                status, cycle, page.page(), page.size(), RequestParameters.optionalText(sort)));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read a strategy",
      description =
          "Its definition, status, score, the reason of its promotion or not, and its"
              + " backtest run. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The strategy",
      content = @Content(examples = @ExampleObject(name = "live", value = ApiExamples.STRATEGY)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such strategy",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findStrategy(
      @PathParam("id")
          @Parameter(
              description = "The strategy",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id) {
    UUID strategyId = RequestParameters.uuid("id", id);
    return forwarder.forward(Downstream.STRATEGY, () -> strategy.getStrategy(strategyId));
  }

  @GET
  @Path("/{id}/scorecard")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read a strategy's scorecard",
      description =
          "Its score, rank in its cycle, metrics, the statistics the score was computed from,"
              + " the promotion gates and correlations its cycle's decision read, and the scoring"
              + " formula, as scoring-service answered them. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The scorecard",
      content = @Content(examples = @ExampleObject(name = "scored", value = ApiExamples.SCORECARD)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "scoring-service has not scored this strategy",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findScorecard(
      @PathParam("id")
          @Parameter(
              description = "The strategy",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id) {
    UUID strategyId = RequestParameters.uuid("id", id);
    return forwarder.forward(Downstream.SCORING, () -> scoring.getScorecard(strategyId));
  }

  @POST
  @Path("/{id}/promote")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Promote a strategy by hand",
      description =
          "Puts a scored candidate into the live set, within the cap, outside any cycle's"
              + " decision. strategy-service records the change in the deployment history and"
              + " publishes strategy.promoted with the reason, which the audit log keeps under the"
              + " request's correlation id. Role: admin.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = DecisionRequest.class),
              examples = @ExampleObject(name = "promote", value = ApiExamples.PROMOTE)))
  @APIResponse(
      responseCode = "200",
      description = "The strategy, now live",
      content = @Content(examples = @ExampleObject(name = "live", value = ApiExamples.PROMOTED)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID, or the body is missing, malformed or without a reason",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "no reason", value = ApiExamples.NO_REASON)))
  @APIResponse(
      responseCode = "404",
      description = "No such strategy",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description =
          "The live set does not allow it now: the strategy is live already or cannot"
              + " go live, or the live set is at its cap",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "cap", value = ApiExamples.CAP_REACHED)))
  public Uni<Response> promote(
      @PathParam("id")
          @Parameter(
              description = "The strategy",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id,
      @Valid @NotNull(message = "a JSON body is required") DecisionRequest body) {
    UUID strategyId = RequestParameters.uuid("id", id);
    return forwarder
        .forward(Downstream.STRATEGY, () -> strategy.promote(strategyId, body))
        .call(() -> cache.invalidate(cache.liveSet()));
  }

  @POST
  @Path("/{id}/demote")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Demote a live strategy by hand",
      description =
          "Takes a strategy out of the live set. strategy-service records the change in the"
              + " deployment history and publishes strategy.demoted with the reason (no cycle, no"
              + " replacement), which stops its monitoring and which the audit log keeps under the"
              + " request's correlation id. Role: admin.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = DecisionRequest.class),
              examples = @ExampleObject(name = "demote", value = ApiExamples.DEMOTE)))
  @APIResponse(
      responseCode = "200",
      description = "The strategy, now retired",
      content = @Content(examples = @ExampleObject(name = "retired", value = ApiExamples.DEMOTED)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID, or the body is missing, malformed or without a reason",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "no reason", value = ApiExamples.NO_REASON)))
  @APIResponse(
      responseCode = "404",
      description = "No such strategy",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The strategy is not live",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "not live", value = ApiExamples.NOT_LIVE)))
  public Uni<Response> demote(
      @PathParam("id")
          @Parameter(
              description = "The strategy",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id,
      @Valid @NotNull(message = "a JSON body is required") DecisionRequest body) {
    UUID strategyId = RequestParameters.uuid("id", id);
    return forwarder
        .forward(Downstream.STRATEGY, () -> strategy.demote(strategyId, body))
        .call(() -> cache.invalidate(cache.liveSet()));
  }
}
