package io.backtest.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.StrategyClient;
import io.backtest.gateway.ratelimit.HeavyJob;
import io.backtest.gateway.service.Forwarder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Synchronous backtests (strategy-service): one parameter set, answered while the caller waits. */
@Path("/api/v1/backtests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backtests")
@SecurityRequirement(name = GatewayApplication.BEARER)
public class BacktestResource {
  private final Forwarder forwarder;
  private final StrategyClient strategy;

  public BacktestResource(Forwarder forwarder, @RestClient StrategyClient strategy) {
    this.forwarder = forwarder;
    this.strategy = strategy;
  }

  @HeavyJob
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Run a backtest synchronously",
      description =
          "strategy-service evaluates one parameter set of a template on a dataset with the"
              + " engine of the cycle workers and answers the trades, the equity at every bar's"
              + " close (time = the bar's close time) and the metrics; with walkForward, the"
              + " stitched out-of-sample record, its folds and summary. Nothing is stored."
              + " Defaults: costs 10/5 bps, next-open fills, long-only, capital 10,000,"
              + " positionFraction 1. Work beyond 400,000,000 bar-steps or 200,000 bars in the"
              + " answer is refused with 422 (run it as a cycle). The gateway waits up to"
              + " gateway.backtests.timeout (60 s) for it, longer than for other calls. Role:"
              + " operator.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(type = SchemaType.OBJECT),
              examples = {
                @ExampleObject(name = "sma-crossover", value = ApiExamples.BACKTEST_REQUEST),
                @ExampleObject(
                    name = "walk-forward",
                    value = ApiExamples.BACKTEST_WALK_FORWARD_REQUEST)
              }))
  @APIResponse(
      responseCode = "200",
      description = "The evaluated record; folds and walkForward only with walkForward",
      content =
          @Content(
              schema = @Schema(type = SchemaType.OBJECT),
              examples = @ExampleObject(name = "sma-crossover", value = ApiExamples.BACKTEST)))
  @APIResponse(
      responseCode = "400",
      description = "Missing or malformed JSON body, or unknown fields",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description =
          "Unknown dataset or template, invalid parameters, costs, execution or walk-forward"
              + " settings (each field named), or too large to answer synchronously",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = {
                @ExampleObject(name = "off the grid", value = ApiExamples.BACKTEST_BAD_PARAM),
                @ExampleObject(name = "too large", value = ApiExamples.BACKTEST_TOO_LARGE)
              }))
  public Uni<Response> runBacktest(@NotNull(message = "a JSON body is required") ObjectNode body) {
    return forwarder.forwardLongRunning(() -> strategy.runBacktest(body));
  }
}
