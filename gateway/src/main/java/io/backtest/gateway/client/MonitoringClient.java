package io.backtest.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** monitoring-service's API: the live strategies it watches and its alerts (raw responses). */
@RegisterRestClient(configKey = "monitoring")
@RegisterClientHeaders(DownstreamHeaders.class)
@Path("/api/v1/monitoring")
@Produces(MediaType.APPLICATION_JSON)
public interface MonitoringClient {

  @GET
  @Path("/strategies")
  Uni<Response> listStrategies(
      @QueryParam("status") String status,
      @QueryParam("page") int page,
      @QueryParam("size") int size,
      @QueryParam("sort") String sort);

  @GET
  @Path("/strategies/{id}")
  Uni<Response> getStrategy(@PathParam("id") UUID id, @QueryParam("points") Integer points);

  @GET
  @Path("/alerts")
  Uni<Response> listAlerts(
      @QueryParam("strategyId") UUID strategyId,
      @QueryParam("symbol") String symbol,
      @QueryParam("severity") String severity,
      @QueryParam("kind") String kind,
      @QueryParam("from") Instant from,
      @QueryParam("to") Instant to,
      @QueryParam("page") int page,
      @QueryParam("size") int size,
      @QueryParam("sort") String sort);
}
