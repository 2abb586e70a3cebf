package io.backtest.strategy.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.strategy.repository.CycleRepository;
import io.backtest.strategy.service.CycleService;
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

/** Research cycles: generate candidates, backtest them, promote the best. */
@Path("/api/v1/cycles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cycles", description = "Generate, backtest, score and promote candidates")
public class CycleResource {
  private final CycleService cycles;

  public CycleResource(CycleService cycles) {
    this.cycles = cycles;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start a cycle",
      description =
          "Generates the candidates (seeded), stores them and requests their backtests. The cycle"
              + " runs asynchronously; follow it at the Location.")
  @APIResponse(
      responseCode = "202",
      description = "Started",
      headers = @Header(name = "Location", description = "The cycle's resource"))
  @APIResponse(
      responseCode = "400",
      description = "The body is not JSON of the expected shape",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description =
          "Invalid candidates, walk-forward, costs, execution or scoring weights; unknown dataset"
              + " or template",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<RestResponse<CycleAccepted>> start(StartCycleRequest request) {
    String correlationId = Correlation.current();
    return cycles
        .startCycle(request, correlationId)
        .map(
            cycle ->
                RestResponse.ResponseBuilder.create(
                        Response.Status.ACCEPTED, new CycleAccepted(cycle.id, correlationId))
                    .location(URI.create("/api/v1/cycles/" + cycle.id))
                    .build());
  }

  @GET
  @Operation(summary = "List cycles, newest first unless sorted")
  @APIResponse(responseCode = "200", description = "A page of cycles")
  @APIResponse(
      responseCode = "400",
      description = "Invalid page, size or sort",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<CycleView>> list(
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @Parameter(
              description =
                  "createdAt, status or completedAt (running cycles last); a leading - sorts"
                      + " descending, several comma-separated; default -createdAt")
          @QueryParam("sort")
          String sort) {
    return cycles.page(PageRequest.of(page, size), CycleRepository.SORT.parse(sort));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One cycle: status, counts, and the decision once made")
  @APIResponse(responseCode = "200", description = "The cycle")
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such cycle",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<CycleView> get(@PathParam("id") String id) {
    return cycles.find(RequestParameters.uuid("id", id));
  }
}
