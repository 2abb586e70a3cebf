package io.backtest.strategy.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.strategy.service.DatasetService;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
  @Operation(summary = "List datasets, ordered by id")
  @APIResponse(responseCode = "200", description = "A page of datasets")
  @APIResponse(
      responseCode = "400",
      description = "Invalid page or size",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<DatasetView>> list(
      @QueryParam("page") String page, @QueryParam("size") String size) {
    return datasets.page(PageRequest.of(page, size));
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
  @Operation(summary = "The bars of a dataset, in time order")
  @APIResponse(responseCode = "200", description = "A page of bars; total is the bar count")
  @APIResponse(
      responseCode = "400",
      description = "Invalid page or size",
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
      @QueryParam("size") String size) {
    return datasets.bars(id, PageRequest.of(page, size));
  }
}
