package io.backtest.strategy.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.strategy.repository.DeploymentRepository;
import io.backtest.strategy.service.DeploymentService;
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

/** The live set, its history, and rolling it back. */
@Path("/api/v1/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments", description = "The live set, its history and rollbacks")
public class DeploymentResource {
  private final DeploymentService deployments;

  public DeploymentResource(DeploymentService deployments) {
    this.deployments = deployments;
  }

  @GET
  @Operation(summary = "The live set now, highest score first, with the cap")
  @APIResponse(responseCode = "200", description = "The live set")
  public Uni<LiveSetView> live() {
    return deployments.liveSet();
  }

  @GET
  @Path("/history")
  @Operation(
      summary = "The deployment history, newest first unless sorted; filter by strategy and cycle",
      description =
          "One entry per change of the live set (PROMOTED or DEMOTED), with the cycle whose"
              + " decision made it (none for an operator's), the reason and the event's id.")
  @APIResponse(responseCode = "200", description = "A page of the history")
  @APIResponse(
      responseCode = "400",
      description = "Invalid strategyId, cycleId, page, size or sort",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<DeploymentView>> history(
      @Parameter(description = "Only the changes of this strategy") @QueryParam("strategyId")
          String strategyId,
      @Parameter(description = "Only the changes this cycle's decision made") @QueryParam("cycleId")
          String cycleId,
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @Parameter(
              description =
                  "seq or at; a leading - sorts descending, several comma-separated; default -seq")
          @QueryParam("sort")
          String sort) {
    DeploymentRepository.Filter filter =
        new DeploymentRepository.Filter(
            RequestParameters.optionalUuid("strategyId", strategyId),
            RequestParameters.optionalUuid("cycleId", cycleId));
    return deployments.history(
        filter, PageRequest.of(page, size), DeploymentRepository.SORT.parse(sort));
  }

  @POST
  @Path("/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Roll the live set back to what a cycle's decision left (operator)",
      description =
          "Replays the deployment history up to the cycle's promotion decision, demotes the live"
              + " strategies not in that live set, then promotes those of it that are not live,"
              + " each with reason 'rolled back to the live set after cycle <id>: <reason>', all"
              + " or nothing. Requires the admin role at the gateway.")
  @APIResponse(responseCode = "200", description = "Rolled back (nothing changed if equal)")
  @APIResponse(
      responseCode = "400",
      description = "cycleId missing or not a UUID, reason missing or longer than 1,000 characters",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such cycle, or it has not decided on promotions",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "That live set cannot be restored: larger than the cap, or a strategy of it cannot go"
              + " live again",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<RollbackView> rollback(RollbackRequest request) {
    if (request == null) {
      throw ProblemException.badRequest(
          "body", "a JSON object with cycleId and reason is required");
    }
    UUID cycleId = RequestParameters.uuid("cycleId", request.cycleId());
    return deployments.rollback(cycleId, request.reason(), Correlation.current());
  }
}
