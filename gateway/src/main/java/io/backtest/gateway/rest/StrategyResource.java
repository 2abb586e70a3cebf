package io.backtest.gateway.rest;

import io.backtest.contracts.http.Problem;
import io.backtest.gateway.client.Downstream;
import io.backtest.gateway.client.ScoringClient;
import io.backtest.gateway.client.StrategyClient;
import io.backtest.gateway.service.Forwarder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Strategies: candidates and the live set (strategy-service), scorecards (scoring-service). */
@Path("/api/v1/strategies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "strategies")
@SecurityRequirement(name = GatewayApplication.BEARER)
@APIResponse(
    responseCode = "401",
    description = "No bearer token, or an invalid or expired one",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = ApiExamples.UNAUTHORIZED)))
@APIResponse(
    responseCode = "403",
    description = "The token lacks the role the operation needs",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
@APIResponse(
    responseCode = "503",
    description = "The service behind the operation is down, too slow, or its breaker is open",
    content =
        @Content(
            mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unavailable", value = ApiExamples.UNAVAILABLE)))
public class StrategyResource {
  private final Forwarder forwarder;
  private final StrategyClient strategy;
  private final ScoringClient scoring;

  public StrategyResource(
      Forwarder forwarder, @RestClient StrategyClient strategy, @RestClient ScoringClient scoring) {
    this.forwarder = forwarder;
    this.strategy = strategy;
    this.scoring = scoring;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List strategies",
      description =
          "Filtered by status (CANDIDATE, LIVE, RETIRED) and cycle, both optional. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "One page of strategies",
      content = @Content(examples = @ExampleObject(name = "live", value = ApiExamples.STRATEGIES)))
  @APIResponse(
      responseCode = "400",
      description = "page below 0 or size outside 1..100",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples = @ExampleObject(name = "size", value = ApiExamples.BAD_PAGE)))
  public Uni<Response> listStrategies(
      @QueryParam("status")
          @Parameter(
              description = "Only strategies in this status",
              schema = @Schema(enumeration = {"CANDIDATE", "LIVE", "RETIRED"}))
          String status,
      @QueryParam("cycleId")
          @Pattern(regexp = Ids.UUID, message = Ids.NOT_A_UUID)
          @Parameter(
              description = "Only this cycle's strategies",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String cycleId,
      @BeanParam @Valid PageParams paging) {
    return forwarder.forward(
        Downstream.STRATEGY,
        () -> strategy.listStrategies(status, Ids.uuid(cycleId), paging.page, paging.size));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read a strategy",
      description =
          "Its definition, status, score, the reason of its promotion or not, and its"
              + " backtest run. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The strategy",
      content = @Content(examples = @ExampleObject(name = "live", value = ApiExamples.STRATEGY)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "No such strategy",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findStrategy(
      @PathParam("id")
          @Pattern(regexp = Ids.UUID, message = Ids.NOT_A_UUID)
          @Parameter(
              description = "The strategy",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id) {
    return forwarder.forward(Downstream.STRATEGY, () -> strategy.getStrategy(Ids.uuid(id)));
  }

  @GET
  @Path("/{id}/scorecard")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Read a strategy's scorecard",
      description = "Its score, rank in its cycle, metrics and the scoring formula. Role: viewer.")
  @APIResponse(
      responseCode = "200",
      description = "The scorecard",
      content = @Content(examples = @ExampleObject(name = "scored", value = ApiExamples.SCORECARD)))
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "404",
      description = "scoring-service has not scored this strategy",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Uni<Response> findScorecard(
      @PathParam("id")
          @Pattern(regexp = Ids.UUID, message = Ids.NOT_A_UUID)
          @Parameter(
              description = "The strategy",
              schema = @Schema(type = SchemaType.STRING, format = "uuid"))
          String id) {
    return forwarder.forward(Downstream.SCORING, () -> scoring.getScorecard(Ids.uuid(id)));
  }
}
