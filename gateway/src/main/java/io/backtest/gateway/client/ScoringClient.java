package io.backtest.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** scoring-service's API: scoring progress, leaderboards, scorecards (raw responses). */
@RegisterRestClient(configKey = "scoring")
@RegisterClientHeaders(DownstreamHeaders.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface ScoringClient {

  @GET
  @Path("/cycles/{id}/scoring")
  Uni<Response> getScoring(@PathParam("id") UUID cycleId);

  @GET
  @Path("/cycles/{id}/leaderboard")
  Uni<Response> getLeaderboard(
      @PathParam("id") UUID cycleId, @QueryParam("page") int page, @QueryParam("size") int size);

  @GET
  @Path("/strategies/{id}/scorecard")
  Uni<Response> getScorecard(@PathParam("id") UUID strategyId);
}
