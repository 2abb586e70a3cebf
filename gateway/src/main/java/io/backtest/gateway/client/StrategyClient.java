package io.backtest.gateway.client;

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
 * strategy-service's API: cycles, strategies, datasets, templates. Answers are raw responses (the
 * default error mapper is off) so that the gateway passes status and body through.
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
  Uni<Response> listCycles(@QueryParam("page") int page, @QueryParam("size") int size);

  @GET
  @Path("/cycles/{id}")
  Uni<Response> getCycle(@PathParam("id") UUID id);

  @GET
  @Path("/strategies")
  Uni<Response> listStrategies(
      @QueryParam("status") String status,
      @QueryParam("cycleId") UUID cycleId,
      @QueryParam("page") int page,
      @QueryParam("size") int size);

  @GET
  @Path("/strategies/{id}")
  Uni<Response> getStrategy(@PathParam("id") UUID id);

  @GET
  @Path("/datasets")
  Uni<Response> listDatasets(@QueryParam("page") int page, @QueryParam("size") int size);

  @GET
  @Path("/datasets/{id}")
  Uni<Response> getDataset(@PathParam("id") String id);

  @GET
  @Path("/templates")
  Uni<Response> listTemplates();
}
