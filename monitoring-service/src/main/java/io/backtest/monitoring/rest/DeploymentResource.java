package io.backtest.monitoring.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.monitoring.domain.DeploymentStatus;
import io.backtest.monitoring.mapping.DeploymentMapper;
import io.backtest.monitoring.repository.DeploymentRepository;
import io.backtest.monitoring.service.DeploymentService;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The strategies monitoring watches (or watched), with their baselines. */
@Path("/api/v1/monitoring/strategies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monitored strategies")
public class DeploymentResource {
  static final int DEFAULT_POINTS = 500;
  static final int MAX_POINTS = 5000;

  private final DeploymentService service;

  public DeploymentResource(DeploymentService service) {
    this.service = service;
  }

  @GET
  @Operation(summary = "List monitored strategies, newest promotion first unless sorted")
  @APIResponse(responseCode = "200", description = "One page of strategies")
  @APIResponse(
      responseCode = "400",
      description = "status, page, size or sort invalid",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<DeploymentView>> listStrategies(
      @Parameter(
              description = "Only strategies of this status (any case)",
              schema = @Schema(enumeration = {"WATCHING", "DRIFTED", "STOPPED"}))
          @QueryParam("status")
          String status,
      @Parameter(
              description = "Page index, from 0",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
          @QueryParam("page")
          String page,
      @Parameter(
              description = "Page size, 1 to 100",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "100",
                      defaultValue = "20"))
          @QueryParam("size")
          String size,
      @Parameter(
              description =
                  "since, status, score or stoppedAt (strategies without one last); a leading -"
                      + " sorts descending, several comma-separated; default -since")
          @QueryParam("sort")
          String sort) {
    return service
        .listDeployments(
            RequestParameters.optionalEnum("status", status, DeploymentStatus.class),
            PageRequest.of(page, size),
            DeploymentRepository.SORT.parse(sort))
        .map(deployments -> deployments.map(DeploymentMapper::toView));
  }

  @GET
  @Path("/{strategyId}")
  @Operation(
      summary =
          "Get a monitored strategy with its baseline, live statistics, drift detectors and"
              + " equity series")
  @APIResponse(responseCode = "200", description = "The strategy")
  @APIResponse(
      responseCode = "400",
      description = "strategyId is not a UUID, or points out of range",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "no promotion or demotion of this strategy was received",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<DeploymentView> getStrategy(
      @Parameter(description = "Strategy id", schema = @Schema(format = "uuid"))
          @PathParam("strategyId")
          String strategyId,
      @Parameter(
              description = "How many of the latest equity points to return, 0 to " + MAX_POINTS,
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "0",
                      maximum = "5000",
                      defaultValue = "500"))
          @QueryParam("points")
          String points) {
    UUID id = RequestParameters.uuid("strategyId", strategyId);
    int count = RequestParameters.integer("points", points, DEFAULT_POINTS, 0, MAX_POINTS);
    return service
        .findDeploymentWithPoints(id, count)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Strategy", id))
        .map(found -> DeploymentMapper.toView(found.deployment(), found.points()));
  }
}
