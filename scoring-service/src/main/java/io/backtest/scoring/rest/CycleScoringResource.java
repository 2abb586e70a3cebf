package io.backtest.scoring.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.scoring.service.ScoringQueries;
import io.backtest.support.http.PageRequest;
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

/** A cycle's scoring progress and ranking. */
@Path("/api/v1/cycles/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cycles", description = "Scoring progress and rankings of evaluation cycles")
@APIResponse(
    responseCode = "400",
    description = "A malformed parameter (id, page, size); errors[].field names it",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "404",
    description = "Unknown cycle",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CycleScoringResource {
  private final ScoringQueries queries;

  public CycleScoringResource(ScoringQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("/leaderboard")
  @Operation(
      summary = "One page of a cycle's ranking",
      description =
          "Ranked results best first: composite score descending, ties by strategy id, with each"
              + " line's key statistics (deflated and probabilistic Sharpe ratio, Sharpe, Sortino,"
              + " Calmar, maximum drawdown, t-statistic, fold consistency, trades, backtest and"
              + " minimum backtest length) and, once decided, the promotion gate's verdict. The"
              + " whole cycle is scored at once when it closes (the deflated Sharpe ratio, PBO and"
              + " correlations depend on all its candidates and on the trials made before on the"
              + " same instrument): while the cycle is SCORING the page is empty. diagnostics holds"
              + " the cycle's trials, CSCV diagnostics (PBO, probability of out-of-sample loss,"
              + " degradation), weights and the formula in words: score = weighted mean of the"
              + " deflated Sharpe ratio, clamp(sharpe / 3, 0, 1), the fold consistency and"
              + " clamp(1 − maxDrawdown / 0.5, 0, 1); 0 without trades; 4 decimals. promoted says"
              + " whether the cycle's decision promoted the strategy: false until the cycle is"
              + " COMPLETED, after which the page never changes.")
  @APIResponse(
      responseCode = "200",
      description = "The page",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = LeaderboardPage.class)))
  public Uni<LeaderboardPage> leaderboard(
      @Parameter(
              description = "Cycle id",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @PathParam("id")
          String id,
      @Parameter(
              description = "Page index, from 0",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
          @QueryParam("page")
          String page,
      @Parameter(
              description = "Page size",
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "100",
                      defaultValue = "20"))
          @QueryParam("size")
          String size) {
    return queries.findLeaderboard(RequestParameters.uuid("id", id), PageRequest.of(page, size));
  }

  @GET
  @Path("/scoring")
  @Operation(
      summary = "A cycle's scoring progress",
      description =
          "Expected, scored and failed results and the status: SCORING while results come in,"
              + " SCORED once all are in (the cycle is then scored and ranked at once), TIMED_OUT"
              + " when results stopped arriving (what is in is scored, the missing ones are counted"
              + " as failed), COMPLETED once the promotion decision (cycle.completed) is recorded;"
              + " with the cycle's diagnostics (trials, PBO, weights, formula) once it closed.")
  @APIResponse(
      responseCode = "200",
      description = "The progress",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CycleScoring.class)))
  public Uni<CycleScoring> scoring(
      @Parameter(
              description = "Cycle id",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @PathParam("id")
          String id) {
    return queries.findCycleScoring(RequestParameters.uuid("id", id));
  }
}
