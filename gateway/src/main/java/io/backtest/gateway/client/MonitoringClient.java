package io.backtest.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** monitoring-service's API: the live strategies it watches (raw responses). */
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
      @QueryParam("size") int size);
}
