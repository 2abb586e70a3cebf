package io.backtest.gateway.cache;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.EventType;
import io.backtest.contracts.MalformedEventException;
import io.backtest.contracts.events.MarketRegimeChanged;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Drops cached reads when the events that change them arrive: strategy.promoted and
 * strategy.demoted the live set, market.regime.changed the symbol's current regimes. Each event is
 * published by the service that owns the data once its change is committed, so a read after the
 * drop sees the change (and ReadCache's generations keep a read begun before it from storing an
 * older answer).
 *
 * <p>Every gateway replica shares one consumer group: the cache is in Redis, so one drop serves all
 * replicas. Dropping is idempotent, so a redelivered event costs a cache miss, nothing more. A
 * malformed record still drops what it could concern (the live set; the regimes of its key's
 * symbol) and then goes to its topic's dead-letter topic with the reason. A drop that Redis refuses
 * is retried with back-off, then dead-lettered as failed: reported, never silently skipped.
 */
@ApplicationScoped
public class CacheInvalidation {
  static final String PROMOTED = "strategy-promoted";
  static final String DEMOTED = "strategy-demoted";
  static final String REGIME_CHANGED = "market-regime-changed";

  private static final int ATTEMPTS = 5;

  private final ReadCache cache;

  public CacheInvalidation(ReadCache cache) {
    this.cache = cache;
  }

  @Incoming(PROMOTED)
  public Uni<Void> onStrategyPromoted(Message<String> message) {
    return drop(message, EventCatalog.STRATEGY_PROMOTED, event -> cache.liveSet(), liveSet());
  }

  @Incoming(DEMOTED)
  public Uni<Void> onStrategyDemoted(Message<String> message) {
    return drop(message, EventCatalog.STRATEGY_DEMOTED, event -> cache.liveSet(), liveSet());
  }

  @Incoming(REGIME_CHANGED)
  public Uni<Void> onMarketRegimeChanged(Message<String> message) {
    return drop(
        message,
        EventCatalog.MARKET_REGIME_CHANGED,
        (MarketRegimeChanged event) -> cache.regimes(event.symbol()),
        record -> Optional.ofNullable(record.getKey()).map(Object::toString).map(cache::regimes));
  }

  private Function<IncomingKafkaRecordMetadata<?, ?>, Optional<ReadCache.Region>> liveSet() {
    return record -> Optional.of(cache.liveSet());
  }

  /**
   * Drops the region {@code event} concerns and acks, or, when the record is not a well-formed
   * event of {@code type}, drops what {@code fallback} finds in the record and nacks it to the
   * dead-letter topic.
   */
  private <T> Uni<Void> drop(
      Message<String> message,
      EventType<T> type,
      Function<T, ReadCache.Region> region,
      Function<IncomingKafkaRecordMetadata<?, ?>, Optional<ReadCache.Region>> fallback) {
    IncomingKafkaRecordMetadata<?, ?> record =
        message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
    T event;
    try {
      event = read(message, record, type);
    } catch (MalformedEventException e) {
      Log.warnf(
          "%s: malformed record at %s-%d@%d dead-lettered: %s",
          type.topic(),
          record.getTopic(),
          record.getPartition(),
          record.getOffset(),
          e.getMessage());
      return fallback
          .apply(record)
          .map(cache::invalidate)
          .orElse(Uni.createFrom().item(true))
          .chain(dropped -> Uni.createFrom().completionStage(message.nack(e)));
    }
    ReadCache.Region target = region.apply(event);
    return Uni.createFrom()
        .deferred(() -> cache.invalidate(target))
        .invoke(
            dropped -> {
              if (!dropped) {
                throw new IllegalStateException("Redis did not take the drop of " + target.name());
              }
            })
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .atMost(ATTEMPTS - 1)
        .onItemOrFailure()
        .transformToUni(
            (dropped, failure) -> {
              if (failure == null) {
                return Uni.createFrom().completionStage(message.ack());
              }
              Log.errorf(
                  "%s: the cache region %s could not be dropped after %d attempts; the record goes"
                      + " to the dead-letter topic and the region lives until its TTL",
                  type.topic(), target.name(), ATTEMPTS);
              return Uni.createFrom().completionStage(message.nack(failure));
            });
  }

  private static <T> T read(
      Message<String> message, IncomingKafkaRecordMetadata<?, ?> record, EventType<T> type) {
    String ceType = header(record, CloudEventAttributes.HEADER_TYPE);
    if (!type.type().equals(ceType)) {
      throw new MalformedEventException(
          "expected type " + type.type() + " on " + type.topic() + " but got " + ceType);
    }
    if (message.getPayload() == null) {
      throw new MalformedEventException("record has no value");
    }
    return EventJson.read(message.getPayload(), type.payload());
  }

  private static String header(IncomingKafkaRecordMetadata<?, ?> record, String name) {
    Header header = record.getHeaders().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
