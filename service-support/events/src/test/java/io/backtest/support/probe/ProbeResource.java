package io.backtest.support.probe;

import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventEnvelope;
import io.backtest.contracts.events.MarketBar;
import io.backtest.support.config.PlatformConfig;
import io.backtest.support.http.Correlation;
import io.backtest.support.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
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
}
