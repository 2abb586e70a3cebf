package io.backtest.strategy.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.strategy.domain.StrategyStatus;
import io.backtest.strategy.repository.StrategyRepository;
import io.backtest.strategy.service.DeploymentService;
import io.backtest.strategy.service.StrategyService;
import io.backtest.support.http.Correlation;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Strategies: candidates, the live set and retired ones. */
@Path("/api/v1/strategies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Strategies", description = "Candidates, the live set and retired strategies")
public class StrategyResource {
  private final StrategyService strategies;
  private final DeploymentService deployments;

  public StrategyResource(StrategyService strategies, DeploymentService deployments) {
    this.strategies = strategies;
    this.deployments = deployments;
  }

  @GET
  @Operation(
      summary =
          "List strategies, newest cycle first and by rank unless sorted; filter by status and"
              + " cycle")
  @APIResponse(responseCode = "200", description = "A page of strategies")
  @APIResponse(
      responseCode = "400",
      description = "Invalid status, cycleId, page, size or sort",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<StrategyView>> list(
      @Parameter(description = "LIVE, CANDIDATE or RETIRED") @QueryParam("status") String status,
      @Parameter(description = "Only the candidates of this cycle") @QueryParam("cycleId")
          String cycleId,
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @Parameter(
              description =
                  "createdAt, score, rank, status or promotedAt (unscored and never promoted"
                      + " strategies last); a leading - sorts descending, several"
                      + " comma-separated; default -createdAt,rank")
          @QueryParam("sort")
          String sort) {
    StrategyRepository.Filter filter =
        new StrategyRepository.Filter(
            RequestParameters.optionalEnum("status", status, StrategyStatus.class),
            RequestParameters.optionalUuid("cycleId", cycleId));
    return strategies.page(filter, PageRequest.of(page, size), StrategyRepository.SORT.parse(sort));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One strategy with its backtest run")
  @APIResponse(responseCode = "200", description = "The strategy")
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such strategy",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<StrategyView> get(@PathParam("id") String id) {
    return strategies.find(RequestParameters.uuid("id", id));
  }

  @POST
  @Path("/{id}/promote")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Promote a strategy to the live set (operator)",
      description =
          "Puts a ranked strategy with a completed backtest into the live set and emits"
              + " strategy.promoted with reason 'manual promotion by operator: <reason>'. The"
              + " change is recorded in the deployment history. Requires the admin role at the"
              + " gateway.")
  @APIResponse(responseCode = "200", description = "Promoted")
  @APIResponse(
      responseCode = "400",
      description =
          "The id is not a UUID, or the reason is missing or longer than 1,000 characters",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such strategy",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "Already live, not ranked or without a completed backtest, the same strategy is live"
              + " under another id, or the live set is full",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<DeploymentChange> promote(@PathParam("id") String id, OperatorRequest request) {
    UUID strategyId = RequestParameters.uuid("id", id);
    return deployments.promote(strategyId, reason(request), Correlation.current());
  }

  @POST
  @Path("/{id}/demote")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Demote a live strategy (operator)",
      description =
          "Takes a live strategy out of the live set and emits strategy.demoted with reason"
              + " 'manual demotion by operator: <reason>'. The change is recorded in the"
              + " deployment history. Requires the admin role at the gateway.")
  @APIResponse(responseCode = "200", description = "Demoted")
  @APIResponse(
      responseCode = "400",
      description =
          "The id is not a UUID, or the reason is missing or longer than 1,000 characters",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such strategy",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The strategy is not live",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<DeploymentChange> demote(@PathParam("id") String id, OperatorRequest request) {
    UUID strategyId = RequestParameters.uuid("id", id);
    return deployments.demote(strategyId, reason(request), Correlation.current());
  }

  /** The body's reason; the service validates it. */
  static String reason(OperatorRequest request) {
    if (request == null) {
      throw ProblemException.badRequest("body", "a JSON object with a reason is required");
    }
    return request.reason();
  }
}
