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

/** regime-service's API: the rolling market windows and the regimes (raw responses). */
@RegisterRestClient(configKey = "regime")
@RegisterClientHeaders(DownstreamHeaders.class)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface RegimeClient {

  @GET
  @Path("/market/windows")
  Uni<Response> listWindows(
      @QueryParam("page") int page, @QueryParam("size") int size, @QueryParam("sort") String sort);

  @GET
  @Path("/regimes/current")
  Uni<Response> currentRegimes(
      @QueryParam("symbol") String symbol, @QueryParam("timeframe") String timeframe);

  @GET
  @Path("/regimes/history")
  Uni<Response> regimeHistory(
      @QueryParam("symbol") String symbol,
      @QueryParam("timeframe") String timeframe,
      @QueryParam("detector") String detector,
      @QueryParam("page") int page,
      @QueryParam("size") int size,
      @QueryParam("sort") String sort);
}
