package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.StrategyClient;
import io.backtest.gateway.service.Forwarder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The historical data sets cycles are backtested on (strategy-service). */
@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasets")
@SecurityRequirement(name = GatewayApplication.BEARER)
@APIResponse(
    responseCode = "401",
    description = "No bearer token, or an invalid or expired one",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = ApiExamples.UNAUTHORIZED)))
@APIResponse(
    responseCode = "403",
    description = "The token lacks the role the operation needs",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
@APIResponse(
    responseCode = "503",
    description = "The service behind the operation is down, too slow, or its breaker is open",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unavailable", value = ApiExamples.UNAVAILABLE)))
public class DatasetResource {
  private final Forwarder forwarder;
  private final StrategyClient strategy;

  public DatasetResource(Forwarder forwarder, @RestClient StrategyClient strategy) {
    this.forwarder = forwarder;
    this.strategy = strategy;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "List datasets", description = "Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of datasets",
      content = @Content(examples = @ExampleObject(name = "page", value = ApiExamples.DATASETS)))
  @APIResponse(
      responseCode = "400",
      description = "page below 0 or size outside 1..100",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "size", value = ApiExamples.BAD_PAGE)))
  public Uni<Response> listDatasets(@BeanParam @Valid PageParams paging) {
    return forwarder.forward(
        Downstream.STRATEGY, () -> strategy.listDatasets(paging.page, paging.size));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read a dataset",
      description =
          "Symbol, timeframe, bar count and range, and the content's SHA-256. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The dataset",
      content = @Content(examples = @ExampleObject(name = "aapl", value = ApiExamples.DATASET)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a dataset id",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findDataset(
      @PathParam("id")
          @Pattern(regexp = Ids.DATASET, message = Ids.NOT_A_DATASET)
          @Parameter(description = "The dataset", example = "aapl-1d-2013")
          String id) {
    return forwarder.forward(Downstream.STRATEGY, () -> strategy.getDataset(id));
  }
}
