package io.backtest.strategy.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.strategy.repository.DatasetRepository;
import io.backtest.strategy.service.DatasetService;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The historical datasets cycles are evaluated on. */
@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Datasets", description = "Historical bars that candidates are backtested on")
public class DatasetResource {
  private final DatasetService datasets;

  public DatasetResource(DatasetService datasets) {
    this.datasets = datasets;
  }

  @GET
  @Operation(summary = "List datasets, ordered by id unless sorted")
  @APIResponse(responseCode = "200", description = "A page of datasets")
  @APIResponse(
      responseCode = "400",
      description = "Invalid page, size or sort",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<DatasetView>> list(
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @Parameter(
              description =
                  "id, symbol, barCount, from, to or createdAt (when it was stored); a leading -"
                      + " sorts descending, several comma-separated; default id")
          @QueryParam("sort")
          String sort) {
    return datasets.page(PageRequest.of(page, size), DatasetRepository.SORT.parse(sort));
  }

  @POST
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @Operation(
      summary = "Upload a dataset as CSV",
      description =
          "The body is CSV with the header time,open,high,low,close,volume (time as yyyy-MM-dd,"
              + " an ISO-8601 date-time or epoch seconds; strictly increasing), at most 64 MiB and"
              + " 1,000,000 rows by default, at least 2 rows. Prices must be positive and finite,"
              + " high >= max(open, close), low <= min(open, close), volume >= 0. barsPerYear is"
              + " inferred from the bar spacing and calendar unless given. The same bars under"
              + " the same name, symbol and timeframe are the same dataset (200); nothing is"
              + " stored when the upload is rejected.")
  @APIResponse(
      responseCode = "201",
      description = "Stored",
      headers = @Header(name = "Location", description = "The dataset's resource"))
  @APIResponse(responseCode = "200", description = "The same dataset existed already")
  @APIResponse(
      responseCode = "400",
      description = "Missing or malformed name, symbol, timeframe or barsPerYear",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The name is taken by another dataset",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "413",
      description = "The body is larger than the limit",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description = "Invalid CSV: the reason names the line and row",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<RestResponse<DatasetView>> upload(
      @QueryParam("name") @Parameter(description = "Dataset id", example = "spy-1d-2020")
          String name,
      @QueryParam("symbol") @Parameter(description = "Instrument symbol", example = "SPY")
          String symbol,
      @QueryParam("timeframe") @Parameter(description = "Bar length", example = "1d")
          String timeframe,
      @QueryParam("barsPerYear")
          @Parameter(description = "Bars in one year; inferred when absent", example = "252")
          String barsPerYear,
      byte[] body) {
    return datasets
        .upload(name, symbol, timeframe, barsPerYear, body)
        .map(c -> created(c.view().id(), c.view(), c.created()));
  }

  @POST
  @Path("/synthetic")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Generate a synthetic dataset",
      description =
          "Geometric Brownian motion (model gbm) or a Markov chain of drift/volatility regimes"
              + " (model regime-switching), deterministic by seed. Answers the dataset and its true"
              + " regimes, run-length encoded. The same request gives the same bars and so the"
              + " same dataset (200 on a repeat).")
  @APIResponse(
      responseCode = "201",
      description = "Generated and stored",
      headers = @Header(name = "Location", description = "The dataset's resource"))
  @APIResponse(responseCode = "200", description = "The same dataset existed already")
  @APIResponse(
      responseCode = "400",
      description = "The body is not JSON of the expected shape",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description = "Invalid fields, each named",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<RestResponse<SyntheticDatasetView>> synthetic(SyntheticDatasetRequest request) {
    return datasets
        .synthetic(request)
        .map(c -> created(c.view().dataset().id(), c.view(), c.created()));
  }

  private static <T> RestResponse<T> created(String id, T view, boolean created) {
    if (!created) {
      return RestResponse.ok(view);
    }
    return RestResponse.ResponseBuilder.create(Response.Status.CREATED, view)
        .location(URI.create("/api/v1/datasets/" + id))
        .build();
  }

  @GET
  @Path("/{id}/regimes")
  @Operation(
      summary = "The true regimes of a synthetic regime-switching dataset",
      description = "Run-length encoded: bars fromIndex..toIndex (inclusive) are in regime.")
  @APIResponse(responseCode = "200", description = "The runs in time order, covering every bar")
  @APIResponse(
      responseCode = "404",
      description = "No such dataset, or it has no regime labels",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<List<RegimeView>> regimes(@PathParam("id") String id) {
    return datasets.regimes(id);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One dataset: symbol, timeframe, bar count, time range, content digest")
  @APIResponse(responseCode = "200", description = "The dataset")
  @APIResponse(
      responseCode = "404",
      description = "No such dataset",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<DatasetView> get(@PathParam("id") String id) {
    return datasets.find(id);
  }

  @GET
  @Path("/{id}/bars")
  @Operation(summary = "The bars of a dataset, in time order (or newest first)")
  @APIResponse(responseCode = "200", description = "A page of bars; total is the bar count")
  @APIResponse(
      responseCode = "400",
      description = "Invalid page, size or sort",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such dataset",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<BarView>> bars(
      @PathParam("id") String id,
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @Parameter(description = "time, or -time for the newest bar first; default time")
          @QueryParam("sort")
          String sort) {
    return datasets.bars(id, PageRequest.of(page, size), DatasetService.BAR_SORT.parse(sort));
  }
}
