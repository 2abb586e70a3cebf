package io.backtest.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.backtest.gateway.rest.DecisionRequest;
import io.backtest.gateway.rest.ReplayRequest;
import io.backtest.gateway.rest.RollbackRequest;
import io.backtest.gateway.rest.StartCycleRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * strategy-service's API: cycles, strategies, the live set, datasets, templates. Answers are raw
 * responses (the default error mapper is off) so that the gateway passes status and body through.
 */
@RegisterRestClient(configKey = "strategy")
@RegisterClientHeaders(DownstreamHeaders.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface StrategyClient {

  @POST
  @Path("/cycles")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> startCycle(StartCycleRequest request);

  @GET
  @Path("/cycles")
  Uni<Response> listCycles(
      @QueryParam("page") int page, @QueryParam("size") int size, @QueryParam("sort") String sort);

  @GET
  @Path("/cycles/{id}")
  Uni<Response> getCycle(@PathParam("id") UUID id);

  @GET
  @Path("/strategies")
  Uni<Response> listStrategies(
      @QueryParam("status") String status,
      @QueryParam("cycleId") UUID cycleId,
      @QueryParam("page") int page,
      @QueryParam("size") int size,
      @QueryParam("sort") String sort);

  @GET
  @Path("/strategies/{id}")
  Uni<Response> getStrategy(@PathParam("id") UUID id);

  @POST
  @Path("/strategies/{id}/promote")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> promote(@PathParam("id") UUID id, DecisionRequest request);

  @POST
  @Path("/strategies/{id}/demote")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> demote(@PathParam("id") UUID id, DecisionRequest request);

  @GET
  @Path("/deployments")
  Uni<Response> listDeployments();

  @GET
  @Path("/deployments/history")
  Uni<Response> listDeploymentHistory(
      @QueryParam("page") int page, @QueryParam("size") int size, @QueryParam("sort") String sort);

  @POST
  @Path("/deployments/rollback")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> rollback(RollbackRequest request);

  @POST
  @Path("/market/replay")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> startReplay(ReplayRequest request);

  @GET
  @Path("/market/replay")
  Uni<Response> listReplays(
      @QueryParam("status") String status,
      @QueryParam("page") int page,
      @QueryParam("size") int size,
      @QueryParam("sort") String sort);

  @GET
  @Path("/market/replay/{id}")
  Uni<Response> getReplay(@PathParam("id") UUID id);

  @POST
  @Path("/market/replay/{id}/stop")
  Uni<Response> stopReplay(@PathParam("id") UUID id);

  @GET
  @Path("/datasets")
  Uni<Response> listDatasets(
      @QueryParam("page") int page, @QueryParam("size") int size, @QueryParam("sort") String sort);

  @GET
  @Path("/datasets/{id}")
  Uni<Response> getDataset(@PathParam("id") String id);

  @POST
  @Path("/datasets")
  @Consumes("text/csv")
  Uni<Response> uploadDataset(
      @QueryParam("name") String name,
      @QueryParam("symbol") String symbol,
      @QueryParam("timeframe") String timeframe,
      @QueryParam("barsPerYear") String barsPerYear,
      byte[] csv);

  @POST
  @Path("/datasets/synthetic")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> createSyntheticDataset(JsonNode request);

  @GET
  @Path("/datasets/{id}/regimes")
  Uni<Response> getDatasetRegimes(@PathParam("id") String id);

  @GET
  @Path("/templates")
  Uni<Response> listTemplates();

  /**
   * A synchronous backtest: strategy-service computes while the call waits, so the gateway gives it
   * a longer budget than its other calls ({@code gateway.backtests.timeout}).
   */
  @POST
  @Path("/backtests")
  @Consumes(MediaType.APPLICATION_JSON)
  Uni<Response> runBacktest(JsonNode request);
}
