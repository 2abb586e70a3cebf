package io.backtest.scoring.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.scoring.service.ScoringQueries;
import io.backtest.support.http.RequestParameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A strategy's score and how it was computed. */
@Path("/api/v1/strategies/{id}/scorecard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Strategies", description = "Scores of strategies")
public class StrategyScorecardResource {
  private final ScoringQueries queries;

  public StrategyScorecardResource(ScoringQueries queries) {
    this.queries = queries;
  }

  @GET
  @Operation(
      summary = "A strategy's scorecard",
      description =
          "Composite score and rank in its cycle (once the cycle closed), every statistic"
              + " scoring computed from the out-of-sample returns (deflated and probabilistic"
              + " Sharpe ratio, minimum backtest length, t-statistic, fold consistency, ...), the"
              + " backtest metrics, the promotion gate's verdict with each gate's value, threshold"
              + " and reason (or 'not decided yet'), its correlations with the strategies live at"
              + " the close and with the cycle's other best candidates, the cycle's diagnostics"
              + " (trials, PBO, weights), the formula in words, and whether the strategy is live"
              + " now (its latest promotion or demotion).")
  @APIResponse(
      responseCode = "200",
      description = "The scorecard",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Scorecard.class)))
  @APIResponse(
      responseCode = "400",
      description = "Malformed id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "No completed backtest of this strategy (unknown, or its backtest failed)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<Scorecard> scorecard(
      @Parameter(
              description = "Strategy id",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          @PathParam("id")
          String id) {
    return queries.findScorecard(RequestParameters.uuid("id", id));
  }
}
