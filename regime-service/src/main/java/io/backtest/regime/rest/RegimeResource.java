package io.backtest.regime.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.regime.domain.RegimeDetectors;
import io.backtest.regime.domain.Timeframe;
import io.backtest.regime.mapping.RegimeMapper;
import io.backtest.regime.repository.RegimeChangeRepository;
import io.backtest.regime.service.RegimeService;
import io.backtest.support.http.Page;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The market regimes the detectors see, now and over time. */
@Path("/api/v1/regimes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Market regimes")
public class RegimeResource {
  /** A symbol as the feed writes it: letters, digits and . _ : / - ^ =, at most 64. */
  static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/^=-]{0,63}");

  private final RegimeService service;

  public RegimeResource(RegimeService service) {
    this.service = service;
  }

  @GET
  @Path("/current")
  @Operation(summary = "Get the current regime of every detector of a symbol")
  @APIResponse(responseCode = "200", description = "The symbol's timeframes and their regimes")
  @APIResponse(
      responseCode = "400",
      description = "symbol missing or malformed, or timeframe not in a supported form",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "no bar of this symbol (and timeframe) was received",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<CurrentRegimesView> currentRegimes(
      @Parameter(description = "Instrument symbol, e.g. AAPL", required = true)
          @QueryParam("symbol")
          String symbol,
      @Parameter(description = "Bar length: <n>m, <n>h or 1d; all timeframes when absent")
          @QueryParam("timeframe")
          String timeframe) {
    String s = symbol(symbol);
    String t = timeframe(timeframe);
    return service
        .currentRegimes(s, t)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("Market", t == null ? s : s + "/" + t))
        .map(snapshot -> RegimeMapper.toView(s, snapshot, service.warmUpBars()));
  }

  @GET
  @Path("/history")
  @Operation(summary = "List a symbol's regime changes, newest first unless sorted")
  @APIResponse(responseCode = "200", description = "One page of changes")
  @APIResponse(
      responseCode = "400",
      description = "symbol, timeframe, detector, page, size or sort invalid",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Page<RegimeChangeView>> history(
      @Parameter(description = "Instrument symbol, e.g. AAPL", required = true)
          @QueryParam("symbol")
          String symbol,
      @Parameter(description = "Bar length: <n>m, <n>h or 1d; all timeframes when absent")
          @QueryParam("timeframe")
          String timeframe,
      @Parameter(
              description = "Detector; all when absent",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"volatility", "trend", "hmm"}))
          @QueryParam("detector")
          String detector,
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
                  "barTime or changedAt; a leading - sorts descending, several comma-separated;"
                      + " default -barTime (ties newest record first)")
          @QueryParam("sort")
          String sort) {
    RegimeChangeRepository.Filter filter =
        new RegimeChangeRepository.Filter(symbol(symbol), timeframe(timeframe), detector(detector));
    return service
        .history(filter, PageRequest.of(page, size), RegimeChangeRepository.SORT.parse(sort))
        .map(changes -> changes.map(RegimeMapper::toView));
  }

  private static String symbol(String raw) {
    String symbol = RequestParameters.optionalText(raw);
    if (symbol == null) {
      throw ProblemException.badRequest("symbol", "is required");
    }
    if (!SYMBOL.matcher(symbol).matches()) {
      throw ProblemException.badRequest(
          "symbol",
          "must be 1 to 64 letters, digits or . _ : / - ^ =, starting with a letter or digit,"
              + " but was '"
              + raw
              + "'");
    }
    return symbol;
  }

  /** The timeframe, or null when absent; a malformed one is a bad request. */
  private static String timeframe(String raw) {
    String timeframe = RequestParameters.optionalText(raw);
    if (timeframe == null) {
      return null;
    }
    try {
      return Timeframe.parse(timeframe).text();
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("timeframe", e.getMessage());
    }
  }

  private static String detector(String raw) {
    String detector = RequestParameters.optionalText(raw);
    if (detector == null) {
      return null;
    }
    String name = detector.toLowerCase(Locale.ROOT);
    if (!RegimeDetectors.NAMES.contains(name)) {
      throw ProblemException.badRequest(
          "detector",
          "must be one of " + String.join(", ", RegimeDetectors.NAMES) + " but was '" + raw + "'");
    }
    return name;
  }
}
