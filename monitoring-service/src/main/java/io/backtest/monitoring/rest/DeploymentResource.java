package io.backtest.monitoring.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.monitoring.domain.DeploymentStatus;
import io.backtest.monitoring.mapping.DeploymentMapper;
import io.backtest.monitoring.service.DeploymentService;
import io.backtest.support.rest.ProblemException;
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
  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  /** The largest page index whose row offset (index × size) still fits an int. */
  static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;

  private final DeploymentService service;

  public DeploymentResource(DeploymentService service) {
    this.service = service;
  }

  @GET
  @Operation(summary = "List monitored strategies, newest promotion first")
  @APIResponse(responseCode = "200", description = "One page of strategies")
  @APIResponse(
      responseCode = "400",
      description = "status, page or size invalid",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<PageView<DeploymentView>> listStrategies(
      @Parameter(
              description = "Only strategies of this status",
              schema = @Schema(enumeration = {"WATCHING", "STOPPED"}))
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
          String size) {
    DeploymentStatus wanted = status(status);
    int pageIndex = QueryParameters.integer("page", page, 0, 0, MAX_PAGE);
    int pageSize = QueryParameters.integer("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    return service
        .listDeployments(wanted, pageIndex, pageSize)
        .map(
            result ->
                new PageView<>(
                    result.items().stream().map(DeploymentMapper::toView).toList(),
                    pageIndex,
                    pageSize,
                    result.total()));
  }

  @GET
  @Path("/{strategyId}")
  @Operation(summary = "Get a monitored strategy")
  @APIResponse(responseCode = "200", description = "The strategy")
  @APIResponse(
      responseCode = "400",
      description = "strategyId is not a UUID",
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
          String strategyId) {
    UUID id = uuid("strategyId", strategyId);
    return service
        .findDeployment(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Strategy", id))
        .map(DeploymentMapper::toView);
  }

  private static DeploymentStatus status(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return DeploymentStatus.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(
          "status", "must be WATCHING or STOPPED but was '" + raw + "'");
    }
  }

  private static UUID uuid(String name, String raw) {
    try {
      // UUID.fromString accepts short forms such as 1-2-3-4-5; insist on the canonical 36 chars
      UUID id = UUID.fromString(raw);
      if (raw.length() == 36) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw ProblemException.badRequest(name, "must be a UUID but was '" + raw + "'");
  }
}
