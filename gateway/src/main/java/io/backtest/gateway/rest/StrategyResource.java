package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.ScoringClient;
import io.backtest.gateway.client.StrategyClient;
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

/** Strategies: candidates and the live set (strategy-service), scorecards (scoring-service). */
@Path("/api/v1/strategies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "strategies")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class StrategyResource {
  private final Forwarder forwarder;
  private final StrategyClient strategy;
  private final ScoringClient scoring;

  public StrategyResource(
      Forwarder forwarder, @RestClient StrategyClient strategy, @RestClient ScoringClient scoring) {
    this.forwarder = forwarder;
    this.strategy = strategy;
    this.scoring = scoring;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List strategies",
      description =
          "Filtered by status (CANDIDATE, LIVE, RETIRED) and cycle, both optional. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of strategies",
      content = @Content(examples = @ExampleObject(name = "live", value = ApiExamples.STRATEGIES)))
  @APIResponse(
      responseCode = "400",
      description = "cycleId is not a UUID, page below 0 or size outside 1..100",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "size", value = ApiExamples.BAD_PAGE)))
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
      @BeanParam PageQuery paging) {
    UUID cycle = RequestParameters.optionalUuid("cycleId", cycleId);
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.STRATEGY,
        () -> strategy.listStrategies(status, cycle, page.page(), page.size()));
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
      description = "Its score, rank in its cycle, metrics and the scoring formula. Role: viewer.")
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
}
