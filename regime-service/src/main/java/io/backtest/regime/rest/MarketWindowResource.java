package io.backtest.regime.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.regime.domain.Timeframe;
import io.backtest.regime.mapping.MarketWindowMapper;
import io.backtest.regime.repository.MarketWindowRepository;
import io.backtest.regime.service.MarketWindowService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rolling market windows the regime detectors work on. */
@Path("/api/v1/market/windows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Market windows")
public class MarketWindowResource {
  static final int DEFAULT_BAR_LIMIT = 100;
  static final int MAX_BAR_LIMIT = 1000;

  private final MarketWindowService service;

  public MarketWindowResource(MarketWindowService service) {
    this.service = service;
  }

  @GET
  @Operation(summary = "List the rolling windows, by symbol then timeframe unless sorted")
  @APIResponse(responseCode = "200", description = "One page of windows")
  @APIResponse(
      responseCode = "400",
      description = "page or size out of range, or an unknown sort field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<MarketWindowView>> listWindows(
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
                  "symbol, timeframe, bars, from or to (empty windows last); a leading - sorts"
                      + " descending, several comma-separated; default symbol,timeframe")
          @QueryParam("sort")
          String sort) {
    return service
        .listWindows(PageRequest.of(page, size), MarketWindowRepository.SORT.parse(sort))
        .map(windows -> windows.map(MarketWindowMapper::toView));
  }

  @GET
  @Path("/{symbol}/{timeframe}")
  @Operation(summary = "Get the rolling window of a symbol and timeframe")
  @APIResponse(responseCode = "200", description = "The window")
  @APIResponse(
      responseCode = "400",
      description = "timeframe not in a supported form",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "no bar of this symbol and timeframe was received",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<MarketWindowView> getWindow(
      @Parameter(description = "Instrument symbol, e.g. AAPL") @PathParam("symbol") String symbol,
      @Parameter(description = "Bar length: <n>m, <n>h or 1d") @PathParam("timeframe")
          String timeframe) {
    checkTimeframe(timeframe);
    return service
        .findWindow(symbol, timeframe)
        .onItem()
        .ifNull()
        .failWith(() -> notFound(symbol, timeframe))
        .map(MarketWindowMapper::toView);
  }

  @GET
  @Path("/{symbol}/{timeframe}/bars")
  @Operation(summary = "List the most recent bars of a window, most recent first")
  @APIResponse(responseCode = "200", description = "The bars")
  @APIResponse(
      responseCode = "400",
      description = "limit out of range or timeframe not in a supported form",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "no bar of this symbol and timeframe was received",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<BarList> listBars(
      @Parameter(description = "Instrument symbol, e.g. AAPL") @PathParam("symbol") String symbol,
      @Parameter(description = "Bar length: <n>m, <n>h or 1d") @PathParam("timeframe")
          String timeframe,
      @Parameter(
              description = "Most bars to return, 1 to 1000",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "1000",
                      defaultValue = "100"))
          @QueryParam("limit")
          String limit) {
    checkTimeframe(timeframe);
    int max = RequestParameters.integer("limit", limit, DEFAULT_BAR_LIMIT, 1, MAX_BAR_LIMIT);
    return service
        .recentBars(symbol, timeframe, max)
        .onItem()
        .ifNull()
        .failWith(() -> notFound(symbol, timeframe))
        .map(
            bars ->
                new BarList(
                    symbol,
                    timeframe,
                    max,
                    bars.stream().map(MarketWindowMapper::toView).toList()));
  }

  /** A malformed timeframe is a bad request, not an unknown window. */
  private static void checkTimeframe(String timeframe) {
    try {
      Timeframe.parse(timeframe);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("timeframe", e.getMessage());
    }
  }

  private static ProblemException notFound(String symbol, String timeframe) {
    return ProblemException.notFound("Market window", symbol + "/" + timeframe);
  }
}
