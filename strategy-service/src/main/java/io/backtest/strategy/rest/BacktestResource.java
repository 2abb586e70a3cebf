package io.backtest.strategy.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.backtest.contracts.http.Problem;
import io.backtest.strategy.service.SyncBacktestService;
import io.backtest.support.http.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Synchronous backtests: one parameter set, answered while the caller waits, nothing stored. */
@Path("/api/v1/backtests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Backtests", description = "Evaluate one parameter set now")
public class BacktestResource {
  private final SyncBacktestService backtests;
  private final ObjectReader strict;

  public BacktestResource(SyncBacktestService backtests, ObjectMapper mapper) {
    this.backtests = backtests;
    // The shared mapper ignores unknown properties; here a misspelt option ("walkforward") must
    // be refused, not silently run without it.
    this.strict =
        mapper
            .readerFor(BacktestRequest.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Run a backtest synchronously",
      description =
          "Evaluates one parameter set of a template on a dataset with the cycle workers' engine"
              + " and answers trades, the equity at every bar's close and the metrics; with"
              + " walkForward, the stitched out-of-sample record, its folds and summary. Nothing"
              + " is stored. Defaults: costs 10/5 bps, next-open fills, long-only, capital"
              + " 10,000, positionFraction 1. Work over strategy.backtests.max-bar-steps"
              + " (400,000,000 bar-steps) or strategy.backtests.max-bars (200,000 bars in the"
              + " answer) is refused with 422: run it as a cycle.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = BacktestRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The evaluated record",
      content = @Content(schema = @Schema(implementation = BacktestView.class)))
  @APIResponse(
      responseCode = "400",
      description = "The body is missing, not JSON, of the wrong shape, or has unknown fields",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description =
          "Unknown dataset or template; parameters, costs, execution or walk-forward settings"
              + " invalid (each field named); or too large to answer synchronously",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<BacktestView> backtest(JsonNode body) throws JsonProcessingException {
    if (body == null || body.isNull() || body.isMissingNode()) {
      throw ProblemException.badRequest("body", "a JSON object is required");
    }
    if (!body.isObject()) {
      throw ProblemException.badRequest("body", "must be a JSON object");
    }
    // A JsonProcessingException is answered as 400 naming the field by the shared mappers.
    return backtests.backtest(strict.treeToValue(body, BacktestRequest.class));
  }
}
