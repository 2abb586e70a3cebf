package io.backtest.support.probe;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MarketBar;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.messaging.Outbox;
import io.backtest.support.rest.Correlation;
import io.backtest.support.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;

/** Endpoints that drive the library from tests. */
@Path("/probe")
public class ProbeResource {
  private final Outbox outbox;
  private final PlatformConfig config;

  public ProbeResource(Outbox outbox, PlatformConfig config) {
    this.outbox = outbox;
    this.config = config;
  }

  /** Publishes a bar through the outbox. */
  @POST
  @Path("/bars")
  @WithTransaction
  public Uni<Map<String, String>> publish(MarketBar bar) {
    EventEnvelope<MarketBar> event =
        EventEnvelope.create(
            EventCatalog.MARKET_BARS,
            config.source(),
            bar.symbol(),
            Correlation.current(),
            null,
            bar);
    return outbox
        .add(EventCatalog.MARKET_BARS, event)
        .replaceWith(Map.of("eventId", event.id().toString()));
  }

  @GET
  @Path("/bars/{symbol}/count")
  @WithSession
  public Uni<Map<String, Long>> count(@PathParam("symbol") String symbol) {
    return ProbeBar.count("symbol", symbol).map(n -> Map.of("count", n));
  }

  @GET
  @Path("/missing/{id}")
  public Uni<String> missing(@PathParam("id") String id) {
    return Uni.createFrom().failure(ProblemException.notFound("Thing", id));
  }

  @POST
  @Path("/validated")
  public Map<String, Object> validated(@Valid Order order) {
    return Map.of("count", order.count());
  }

  @GET
  @Path("/boom")
  public String boom() {
    throw new IllegalStateException("internal detail that must not leak");
  }

  /** A request body with constraints. */
  public record Order(@NotBlank String name, @Min(1) @Max(10) int count) {}
}
