package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.cache.CachedRead;
import io.backtest.gateway.cache.ReadCache;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.RegimeClient;
import io.backtest.gateway.service.Forwarder;
import io.backtest.support.http.PageRequest;
import io.backtest.support.http.ProblemException;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Market regimes: the detectors' current verdicts and every change (regime-service). */
@Path("/api/v1/regimes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "regimes")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class RegimeResource {
  private final Forwarder forwarder;
  private final RegimeClient regime;
  private final ReadCache cache;

  public RegimeResource(Forwarder forwarder, @RestClient RegimeClient regime, ReadCache cache) {
    this.forwarder = forwarder;
    this.regime = regime;
    this.cache = cache;
  }

  @GET
  @Path("/current")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read a market's current regimes",
      description =
          "Per timeframe of the symbol (or the one given), each detector's verdict — volatility"
              + " (LOW, NORMAL, HIGH), trend (TRENDING_UP, TRENDING_DOWN, RANGING) and the hidden"
              + " Markov model's state — with the statistics behind it. Cached in Redis:"
              + " market.regime.changed drops the symbol's answers, so a verdict is never stale;"
              + " the bar counts and statistics that move with every bar are at most"
              + " gateway.cache.regimes-ttl old (5 s by default). X-Cache says whether the answer"
              + " came from the cache. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The current regimes",
      headers = @Header(ref = GatewayApplication.X_CACHE_HEADER),
      content =
          @Content(examples = @ExampleObject(name = "aapl", value = ApiExamples.CURRENT_REGIMES)))
  @APIResponse(
      responseCode = "400",
      description = "symbol is missing",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No bar of that symbol (and timeframe) has been seen",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> currentRegimes(
      @QueryParam("symbol")
          @Parameter(description = "Instrument symbol", required = true, example = "AAPL")
          String symbol,
      @QueryParam("timeframe") @Parameter(description = "Only this timeframe", example = "1d")
          String timeframe) {
    String checked = required("symbol", symbol);
    String only = RequestParameters.optionalText(timeframe);
    return cache
        .read(
            cache.regimes(checked),
            checked + "\n" + (only == null ? "" : only),
            () -> forwarder.exchange(Downstream.REGIME, () -> regime.currentRegimes(checked, only)),
            reply -> true)
        .map(CachedRead::toResponse);
  }

  @GET
  @Path("/history")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List a market's regime changes",
      description =
          "Every change of a detector's verdict on the symbol, newest first unless sorted, with"
              + " the statistics behind it. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of changes",
      content =
          @Content(examples = @ExampleObject(name = "aapl", value = ApiExamples.REGIME_HISTORY)))
  @APIResponse(
      responseCode = "400",
      description =
          "symbol is missing, page below 0, size outside 1..100 or sort naming another field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = {
                @ExampleObject(name = "size", value = ApiExamples.BAD_PAGE),
                @ExampleObject(name = "sort", value = ApiExamples.BAD_SORT)
              }))
  public Uni<Response> regimeHistory(
      @QueryParam("symbol")
          @Parameter(description = "Instrument symbol", required = true, example = "AAPL")
          String symbol,
      @QueryParam("timeframe") @Parameter(description = "Only this timeframe", example = "1d")
          String timeframe,
      @QueryParam("detector")
          @Parameter(
              description = "Only this detector's changes",
              schema = @Schema(enumeration = {"volatility", "trend", "hmm"}))
          String detector,
      @BeanParam PageQuery paging,
      @QueryParam("sort")
          @Parameter(
              description =
                  "barTime or changedAt (when it was recorded); ties on one bar by record."
                      + " Default -barTime"
                      + PageQuery.SORT,
              example = "barTime")
          String sort) {
    String checked = required("symbol", symbol);
    PageRequest page = paging.request();
    return forwarder.forward(
        Downstream.REGIME,
        () ->
            regime.regimeHistory(
                checked,
                RequestParameters.optionalText(timeframe),
                RequestParameters.optionalText(detector),
                page.page(),
                page.size(),
                RequestParameters.optionalText(sort)));
  }

  private static String required(String name, String raw) {
    String value = RequestParameters.optionalText(raw);
    if (value == null) {
      throw ProblemException.badRequest(name, "is required");
    }
    return value;
  }
}
