package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.StrategyClient;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
public class DatasetResource {
  /**
   * A dataset id: a slug such as {@code aapl-1d-2013}, checked here so that a malformed one is a
   * 400 naming the parameter and never travels downstream.
   */
  private static final String DATASET_ID = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

  private static final String NOT_A_DATASET_ID =
      "must be a dataset id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
          + " digit";

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
  public Uni<Response> listDatasets(@BeanParam PageQuery paging) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.STRATEGY, () -> strategy.listDatasets(page.page(), page.size()));
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
          @Pattern(regexp = DATASET_ID, message = NOT_A_DATASET_ID)
          @Parameter(description = "The dataset", example = "aapl-1d-2013")
          String id) {
    return forwarder.forward(Downstream.STRATEGY, () -> strategy.getDataset(id));
  }
}
