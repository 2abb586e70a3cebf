package io.backtest.strategy.messaging;

import io.backtest.contracts.CloudEventAttributes;
import io.backtest.contracts.EventCatalog;
import io.backtest.contracts.EventJson;
import io.backtest.contracts.events.MarketBar;
import io.backtest.support.config.PlatformConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes market bars straight to Kafka, not through the outbox: a replay changes no state the
 * bars must commit with, and a hundred thousand outbox rows would take minutes. The records carry
 * the platform's CloudEvents headers exactly as the outbox relay writes them (binary mode, key =
 * subject = the symbol).
 */
@ApplicationScoped
public class MarketBarPublisher {
  static final String CHANNEL = "market-bars";

  private final MutinyEmitter<String> emitter;
  private final PlatformConfig platform;

  public MarketBarPublisher(
      // a replay sends one batch (strategy.replay.batch-size) before it waits for the acks
      @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
          MutinyEmitter<String> emitter,
      PlatformConfig platform) {
    this.emitter = emitter;
    this.platform = platform;
  }

  /**
   * Sends one bar; the future completes when the broker acknowledged it. Bars sent one after the
   * other reach their partition in that order (one key, an idempotent producer).
   */
  public CompletableFuture<Void> send(MarketBar bar, String correlationId) {
    var cloudEvent =
        OutgoingCloudEventMetadata.<String>builder()
            .withId(UUID.randomUUID().toString())
            .withType(EventCatalog.MARKET_BARS.type())
            .withSource(URI.create(platform.source()))
            .withSubject(bar.symbol())
            .withTimestamp(Instant.now().atZone(ZoneOffset.UTC))
            .withDataContentType(CloudEventAttributes.CONTENT_TYPE)
            .withExtension(CloudEventAttributes.CORRELATION_ID, correlationId)
            .build();
    var kafka =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(platform.topic(EventCatalog.MARKET_BARS.topic()))
            .withKey(bar.symbol())
            .build();
    Message<String> message =
        Message.of(EventJson.write(bar)).addMetadata(cloudEvent).addMetadata(kafka);
    return emitter.sendMessage(message).subscribeAsCompletionStage();
  }
}
