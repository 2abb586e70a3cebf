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

/** regime-service's API: the rolling market windows (raw responses). */
@RegisterRestClient(configKey = "regime")
@RegisterClientHeaders(DownstreamHeaders.class)
@Path("/api/v1/market")
@Produces(MediaType.APPLICATION_JSON)
public interface RegimeClient {

  @GET
  @Path("/windows")
  Uni<Response> listWindows(@QueryParam("page") int page, @QueryParam("size") int size);
}
