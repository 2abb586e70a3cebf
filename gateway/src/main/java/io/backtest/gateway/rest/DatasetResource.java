package io.backtest.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.StrategyClient;
import io.backtest.gateway.ratelimit.HeavyJob;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
  @Operation(summary = "List datasets", description = "By id unless sorted. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of datasets",
      content = @Content(examples = @ExampleObject(name = "page", value = ApiExamples.DATASETS)))
  public Uni<Response> listDatasets(
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(
              description =
                  "id, symbol, barCount, from, to or createdAt (when it was stored). Default id"
                      + PageQuery.SORT,
              example = "-createdAt")
          String sort) {
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.STRATEGY,
        () ->
            strategy.listDatasets(page.page(), page.size(), RequestParameters.optionalText(sort)));
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

  @HeavyJob
  @POST
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Upload a dataset as CSV",
      description =
          "CSV with the header time,open,high,low,close,volume (time as yyyy-MM-dd, ISO-8601 or"
              + " epoch seconds, strictly increasing); at least 2 and at most 1,000,000 rows, at"
              + " most 64 MiB. Prices positive and finite, high >= max(open, close), low <="
              + " min(open, close). barsPerYear is inferred unless given. A rejected upload stores"
              + " nothing; the problem names the line, row and reason. Role: operator.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "text/csv",
              examples = @ExampleObject(name = "daily", value = ApiExamples.DATASET_CSV)))
  @APIResponse(
      responseCode = "201",
      description = "Stored",
      headers =
          @Header(
              name = "Location",
              description = "The dataset: /api/v1/datasets/{id}",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(examples = @ExampleObject(name = "stored", value = ApiExamples.DATASET)))
  @APIResponse(responseCode = "200", description = "The same bars were stored under this name")
  @APIResponse(
      responseCode = "400",
      description = "Missing or malformed name, symbol, timeframe or barsPerYear",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The name is taken by other bars",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "413",
      description = "The body is over the limit",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description = "Invalid CSV",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "high", value = ApiExamples.BAD_CSV)))
  public Uni<Response> uploadDataset(
      @QueryParam("name")
          @Parameter(description = "The dataset id to create", example = "spy-1d-2020")
          String name,
      @QueryParam("symbol") @Parameter(description = "Instrument symbol", example = "SPY")
          String symbol,
      @QueryParam("timeframe")
          @Parameter(description = "Bar length: 1m, 5m, 1h, 1d, ...", example = "1d")
          String timeframe,
      @QueryParam("barsPerYear")
          @Parameter(description = "Bars in one year; inferred when absent", example = "252")
          String barsPerYear,
      byte[] csv) {
    return forwarder.forwardLongRunning(
        () ->
            strategy.uploadDataset(
                name, symbol, timeframe, barsPerYear, csv == null ? new byte[0] : csv));
  }

  @HeavyJob
  @POST
  @Path("/synthetic")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Generate a synthetic dataset",
      description =
          "Model gbm (geometric Brownian motion: drift, volatility per bar) or regime-switching (a"
              + " Markov chain over regimes, each with drift, volatility and mean duration in"
              + " bars; by default bull-quiet, bear-volatile and sideways), deterministic by seed."
              + " Answers the dataset and its true regimes, run-length encoded. The same request"
              + " answers the same dataset (200). Role: operator.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(type = SchemaType.OBJECT),
              examples = @ExampleObject(name = "regimes", value = ApiExamples.SYNTHETIC_REQUEST)))
  @APIResponse(
      responseCode = "201",
      description = "Generated and stored",
      headers =
          @Header(
              name = "Location",
              description = "The dataset: /api/v1/datasets/{id}",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(examples = @ExampleObject(name = "regimes", value = ApiExamples.SYNTHETIC)))
  @APIResponse(responseCode = "200", description = "The same request was answered before")
  @APIResponse(
      responseCode = "400",
      description = "Missing or malformed JSON body",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description = "Invalid fields, each named",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> createSyntheticDataset(
      @NotNull(message = "a JSON body is required") ObjectNode body) {
    return forwarder.forwardLongRunning(() -> strategy.createSyntheticDataset(body));
  }

  @GET
  @Path("/{id}/regimes")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read the true regimes of a synthetic dataset",
      description =
          "Run-length encoded: bars fromIndex..toIndex (inclusive) were generated in regime."
              + " Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The runs in time order, covering every bar",
      content = @Content(examples = @ExampleObject(name = "runs", value = ApiExamples.REGIMES)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a dataset id",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset, or it has no regime labels",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findDatasetRegimes(
      @PathParam("id")
          @Pattern(regexp = DATASET_ID, message = NOT_A_DATASET_ID)
          @Parameter(description = "The dataset", example = "synthetic-3f9a1c0d2b7e4a65")
          String id) {
    return forwarder.forward(Downstream.STRATEGY, () -> strategy.getDatasetRegimes(id));
  }
}
